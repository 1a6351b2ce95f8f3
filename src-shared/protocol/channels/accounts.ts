import { z } from 'zod';
import { Channel, Id, Timestamp } from '../../domain/model.js';

/** GET and POST /api/admin/channels: an administrator's messaging-app accounts. */
export const ADMIN_CHANNELS_PATH = '/api/admin/channels';

/** PATCH (change) and DELETE (disconnect) one account. */
export function adminChannelPath(accountId: string): string {
  return `${ADMIN_CHANNELS_PATH}/${encodeURIComponent(accountId)}`;
}

/** POST: the administrator's "test connection", one harmless call to the provider with the stored credentials. */
export function adminChannelTestPath(accountId: string): string {
  return `${adminChannelPath(accountId)}/test`;
}

/** Credentials as an administrator enters them: the provider's fields (src-shared/protocol/channels/account-forms.ts). */
const Credentials = z.record(z.string().max(64), z.unknown());

/** POST: connect an account. `credentials` are the provider's (docs/channels.md); the relay checks and seals them. */
export const NewChannelAccountRequest = z
  .object({
    provider: z.string().min(1).max(32),
    displayName: z.string().trim().min(1).max(100),
    teamId: Id,
    credentials: Credentials,
  })
  .strict();
export type NewChannelAccountRequest = z.infer<typeof NewChannelAccountRequest>;

/**
 * PATCH: what changes on a connected account. `credentials` replace the stored ones field by
 * field: a field left out keeps its stored value (so a rotated token is the only one entered).
 * The team applies to conversations that start afterwards; open ones stay with their team.
 */
export const ChannelAccountChange = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    teamId: Id.optional(),
    credentials: Credentials.optional(),
  })
  .strict()
  .refine((change) => change.displayName !== undefined || change.teamId !== undefined || change.credentials !== undefined, 'Nothing to change.');
export type ChannelAccountChange = z.infer<typeof ChannelAccountChange>;

export const CHANNEL_ACCOUNT_STATUSES = ['connected', 'disconnected'] as const;

/** An account as an administrator sees it: never its credentials; its webhook address to paste into the provider's console. */
export const ChannelAccountView = z.object({
  id: Id,
  provider: Channel,
  displayName: z.string(),
  teamId: Id,
  webhookPath: z.string(),
  /** The full address (the relay's RELAY_PUBLIC_URL and the path); null when the relay does not know its public address. */
  webhookUrl: z.string().nullable().default(null),
  status: z.enum(CHANNEL_ACCOUNT_STATUSES).default('connected'),
  disconnectedAt: Timestamp.nullable().default(null),
  createdAt: Timestamp,
});
export type ChannelAccountView = z.infer<typeof ChannelAccountView>;

/** A provider the relay connects: whether its adapter can test a connection. */
export const ChannelProviderView = z.object({ provider: Channel, name: z.string(), canTest: z.boolean() });
export type ChannelProviderView = z.infer<typeof ChannelProviderView>;

/**
 * One watched folder of an email account's IMAP mailbox, as far as the relay has read it: during
 * a first import (or a rescan after a new UIDVALIDITY), how many messages it found and how many it
 * has imported; when it last read the folder to its end; and why its last attempt failed, in plain
 * words ("Can't sign in to imap.example.com: …"), null once an attempt went well.
 */
export const MailFolderProgress = z.object({
  accountId: Id,
  folder: z.string().max(200),
  importing: z.boolean(),
  found: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  syncedAt: Timestamp.nullable(),
  lastError: z.string().max(1000).nullable(),
});
export type MailFolderProgress = z.infer<typeof MailFolderProgress>;

/** GET: the accounts, the providers this relay connects, its public address (null when not set), and the email accounts' watched folders. */
export const ChannelAccountList = z.object({
  accounts: z.array(ChannelAccountView),
  providers: z.array(ChannelProviderView).default([]),
  publicUrl: z.string().nullable().default(null),
  mailFolders: z.array(MailFolderProgress).default([]),
});
export type ChannelAccountList = z.infer<typeof ChannelAccountList>;

/** The answer of POST, PATCH and DELETE: the account as it is now. */
export const ChannelAccountAnswer = z.object({ account: ChannelAccountView });

/** The provider's answer to "test connection": the name it knows the account by, or why it refused. */
export const ChannelConnectionCheck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), accountName: z.string().max(300) }),
  z.object({ ok: z.literal(false), error: z.string().max(1000) }),
]);
export type ChannelConnectionCheck = z.infer<typeof ChannelConnectionCheck>;

export const ChannelConnectionCheckAnswer = z.object({ check: ChannelConnectionCheck });
