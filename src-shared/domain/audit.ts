import { z } from 'zod';

/**
 * What the relay's audit log records (docs/audit.md). Append-only: an entry names what was done,
 * by whom and to what, never a secret (password, token, credential) or a message's text.
 */
export const AuditAction = z.enum([
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.signed_out_everywhere',
  'account.role_changed',
  'account.disabled',
  'account.enabled',
  'settings.two_factor_changed',
  'settings.sso_changed',
  'account.created',
  'account.teams_changed',
  'account.routing_changed',
  'team.created',
  'team.schedule_changed',
  'settings.routing_changed',
  'settings.sla_changed',
  'settings.masking_changed',
  'blocked_sender.added',
  'blocked_sender.removed',
  'customer.erased',
  'personal_data.revealed',
  'settings.retention_changed',
  'settings.models_changed',
  'retention.applied',
  'channel.connected',
  'channel.changed',
  'channel.disconnected',
  'conversation.reassigned',
  'call.transferred',
  'export.history_csv',
  'export.audit_csv',
  'reply.flagged',
  'account.capabilities_changed',
  'privacy_request.opened',
  'privacy_request.updated',
  'privacy_export.created',
  'privacy_export.downloaded',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** What an entry is about: an account, a team, a customer, a conversation (a call's too), a channel account, an email address (a failed sign-in), the company. */
export const AuditTarget = z.object({
  type: z.enum(['account', 'team', 'customer', 'conversation', 'channel_account', 'email', 'blocked_sender', 'tenant', 'export', 'privacy_request']),
  id: z.string().min(1).max(254),
});
export type AuditTarget = z.infer<typeof AuditTarget>;

/** A few flat facts (counts, names of fields changed, a provider); small on purpose, and hashed as written. */
export const AuditDetails = z
  .record(z.string().max(40), z.union([z.string().max(254), z.number().int(), z.boolean(), z.null(), z.array(z.string().max(100)).max(20)]))
  .refine((details) => Object.keys(details).length <= 12, 'at most 12 details');
export type AuditDetails = z.infer<typeof AuditDetails>;

/** What a caller records; the log adds the seq, the chain's hashes and (when not given) the time. */
export interface AuditRecord {
  at: number;
  /** The account that acted; null for the system or someone not signed in (a failed sign-in). */
  actorId: string | null;
  /** The address the request came from, where there was a request. */
  actorAddress: string | null;
  action: AuditAction;
  target: AuditTarget | null;
  details: AuditDetails;
}

/** One entry of a tenant's chain: seq is gap-free from 1; hash covers every field and prevHash (docs/audit.md). */
export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  actorId: z.string().nullable(),
  actorAddress: z.string().nullable(),
  action: AuditAction,
  target: AuditTarget.nullable(),
  details: AuditDetails,
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The prevHash of a tenant's first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
