import { z } from 'zod';
import { Channel, Id, LanguageTag, Timestamp } from './model.js';

/**
 * One customer across channels: the ways we know them (identities), the merges an agent made of
 * two records of the same person, and the relay's suggestions that two records may be one.
 */

/** A messaging-app account's user (`channel`), a phone number in E.164 (`phone`), an email address (`email`). */
export const IDENTITY_KINDS = ['channel', 'phone', 'email'] as const;
export const IdentityKind = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKind>;

export const CustomerIdentity = z.object({
  kind: IdentityKind,
  /** `<channel>:<accountId>:<externalId>`, a phone in E.164 ("+4915112345678"), an email in lower case. */
  value: z.string().min(1).max(400),
  /** Proven by a provider (WhatsApp's number is the sender's), not merely said by someone. */
  verified: z.boolean(),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

/** Why the relay thinks two customers may be one: the same phone or email (one side unverified), or the same full name. */
export const MERGE_REASONS = ['phone', 'email', 'name'] as const;
export const MergeReason = z.enum(MERGE_REASONS);
export type MergeReason = z.infer<typeof MergeReason>;

/** The newer customer (`source`) may be the older one (`target`): a merge would move the source into the target. */
export const MergeSuggestion = z.object({
  id: Id,
  sourceCustomerId: Id,
  targetCustomerId: Id,
  reason: MergeReason,
  at: Timestamp,
});
export type MergeSuggestion = z.infer<typeof MergeSuggestion>;

/** A merge not undone: the source's conversations and identities now belong to the target. */
export const CustomerMerge = z.object({
  id: Id,
  sourceCustomerId: Id,
  /** The source's name, as its conversations were shown before. */
  sourceName: z.string(),
  targetCustomerId: Id,
  at: Timestamp,
  byName: z.string(),
  /** The conversations that moved; an unmerge moves them back. */
  conversationIds: z.array(Id),
});
export type CustomerMerge = z.infer<typeof CustomerMerge>;

/** A customer as desks see it beside a conversation. */
export const CustomerProfile = z.object({
  id: Id,
  name: z.string(),
  language: LanguageTag,
  market: z.string().nullable(),
  vip: z.boolean(),
  identities: z.array(CustomerIdentity),
  /** Open suggestions that name this customer, on either side. */
  suggestions: z.array(MergeSuggestion),
  /** Customers merged into this one, oldest first: each may be unmerged. */
  merges: z.array(CustomerMerge),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

/** The identity of a messaging app's user, per account: two accounts' ids may meet (Telegram's chat numbers). */
export function channelIdentity(channel: Channel, accountId: string, externalId: string): CustomerIdentity {
  return { kind: 'channel', value: `${channel}:${accountId}:${externalId}`, verified: true };
}

/** The channel a channel identity is on, for its badge; null for other kinds or a value not made by `channelIdentity`. */
export function channelOfIdentity(identity: CustomerIdentity): Channel | null {
  if (identity.kind !== 'channel') return null;
  const parsed = Channel.safeParse(identity.value.split(':')[0]);
  return parsed.success ? parsed.data : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address as one value: trimmed, lower case; null when it is not one. */
export function normalEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}
