import { z } from 'zod';
import { CHANNELS, Id, Timestamp } from '../domain/model.js';
import { wellFormed } from '../domain/text.js';
import { PrivacyRegime } from './request-deadlines.js';

/** The register of data subject requests (docs/privacy.md): what a request is and how it moves. */

export const PRIVACY_REQUEST_KINDS = ['access', 'portability', 'erasure', 'correction', 'objection'] as const;
export const PrivacyRequestKind = z.enum(PRIVACY_REQUEST_KINDS);
export type PrivacyRequestKind = z.infer<typeof PrivacyRequestKind>;

/** Where the request came in: a conversation's channel, or on paper or in person. */
export const REQUEST_CHANNELS = [...CHANNELS, 'letter', 'in_person'] as const;
export const RequestChannel = z.enum(REQUEST_CHANNELS);
export type RequestChannel = z.infer<typeof RequestChannel>;

export const PRIVACY_REQUEST_STATUSES = ['received', 'identity_checked', 'in_progress', 'extended', 'done', 'refused'] as const;
export const PrivacyRequestStatus = z.enum(PRIVACY_REQUEST_STATUSES);
export type PrivacyRequestStatus = z.infer<typeof PrivacyRequestStatus>;

export const IDENTITY_CHECK_METHODS = ['signed_in_account', 'email_code', 'sms_code', 'known_channel', 'document', 'other'] as const;
export const IdentityCheckMethod = z.enum(IDENTITY_CHECK_METHODS);
export type IdentityCheckMethod = z.infer<typeof IdentityCheckMethod>;

const ShortText = (max: number) => z.string().overwrite(wellFormed).trim().max(max);
const Reason = ShortText(2000).refine((s) => s.length > 0, 'give a reason');

export const IdentityCheck = z.object({
  method: IdentityCheckMethod,
  note: ShortText(2000),
  checkedBy: Id,
  checkedAt: Timestamp,
});
export type IdentityCheck = z.infer<typeof IdentityCheck>;

export const PrivacyRequest = z.object({
  id: Id,
  customerId: Id,
  /** The customer's name when the register was read; null once the customer is gone (erased). */
  customerName: z.string().nullable(),
  kind: PrivacyRequestKind,
  channel: RequestChannel,
  /** The conversation it was asked in, when it was. */
  conversationId: Id.nullable(),
  /** Who asked: the customer, or someone for them. */
  requesterName: z.string(),
  onBehalf: z.boolean(),
  regime: PrivacyRegime,
  receivedAt: Timestamp,
  /** The legal due date now: the extended one once extended. */
  dueAt: Timestamp,
  receiptDueAt: Timestamp.nullable(),
  status: PrivacyRequestStatus,
  /** Why it was extended (status extended, or later); null before. */
  extensionReason: z.string().nullable(),
  /** Why it was refused (status refused). */
  refusalReason: z.string().nullable(),
  identityCheck: IdentityCheck.nullable(),
  note: z.string(),
  openedBy: Id,
  openedAt: Timestamp,
  updatedAt: Timestamp,
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

/** What opening a request asks; the relay adds the regime (from the customer's market unless chosen) and the due dates. */
export const NewPrivacyRequest = z
  .object({
    customerId: Id,
    kind: PrivacyRequestKind,
    channel: RequestChannel,
    conversationId: Id.nullish(),
    requesterName: ShortText(200).refine((s) => s.length > 0, 'say who asked'),
    onBehalf: z.boolean().default(false),
    /** Chosen when the customer's market names no regime (or the privacy team knows better). */
    regime: PrivacyRegime.nullish(),
    /** Default now; a request that came by letter may have come in earlier. */
    receivedAt: Timestamp.nullish(),
    note: ShortText(4000).default(''),
  })
  .strict();
export type NewPrivacyRequest = z.infer<typeof NewPrivacyRequest>;

/** One change to a request: a status with its reason, the identity check, a note. */
export const PrivacyRequestUpdate = z
  .object({
    status: PrivacyRequestStatus.optional(),
    /** Required to extend and to refuse. */
    reason: Reason.optional(),
    identityCheck: z.object({ method: IdentityCheckMethod, note: ShortText(2000) }).strict().optional(),
    note: ShortText(4000).optional(),
  })
  .strict();
export type PrivacyRequestUpdate = z.infer<typeof PrivacyRequestUpdate>;

const FINAL: readonly PrivacyRequestStatus[] = ['done', 'refused'];

/** Whether a request still has a due date to keep. */
export function isOpenRequest(status: PrivacyRequestStatus): boolean {
  return !FINAL.includes(status);
}

/** Why the status may not move from `from` to `to` (in words for the privacy team); null when it may. */
export function statusRefusal(from: PrivacyRequestStatus, to: PrivacyRequestStatus, facts: { reason: boolean; extendable: boolean; extended: boolean; identityChecked: boolean }): string | null {
  if (FINAL.includes(from)) return `This request is ${from === 'done' ? 'done' : 'refused'} already; open a new one.`;
  if (to === 'received') return 'A request cannot go back to received.';
  if (to === 'refused' && !facts.reason) return 'Say why the request is refused: the customer is told the reason.';
  if (to === 'extended') {
    if (!facts.extendable) return 'The law that applies to this request allows no extension.';
    if (facts.extended) return 'This request was extended already; it can be extended once.';
    if (!facts.reason) return 'Say why the request needs more time: the customer is told the reason.';
  }
  if (to === 'identity_checked' && !facts.identityChecked) return 'Record the identity check (method and note) to mark it checked.';
  if (to === 'done' && !facts.identityChecked) return 'Check the requester\'s identity before answering.';
  return null;
}

/** How close a request is to its due date, for reminders: each stage is told once per due date. */
export const REMINDER_STAGES = ['week', 'two_days', 'overdue'] as const;
export const ReminderStage = z.enum(REMINDER_STAGES);
export type ReminderStage = z.infer<typeof ReminderStage>;

const DAY_MS = 86_400_000;

/** The latest stage reached at `now` for a request due at `dueAt`; null while more than a week is left. */
export function reminderStage(dueAt: number, now: number): ReminderStage | null {
  if (now > dueAt) return 'overdue';
  if (dueAt - now <= 2 * DAY_MS) return 'two_days';
  if (dueAt - now <= 7 * DAY_MS) return 'week';
  return null;
}

export const PrivacyReminder = z.object({
  id: Id,
  requestId: Id,
  stage: ReminderStage,
  dueAt: Timestamp,
  at: Timestamp,
});
export type PrivacyReminder = z.infer<typeof PrivacyReminder>;

/** A bundle made for an access or portability request. */
export const PrivacyExport = z.object({
  id: Id,
  customerId: Id,
  requestId: Id.nullable(),
  size: z.number().int().nonnegative(),
  createdBy: Id,
  createdAt: Timestamp,
});
export type PrivacyExport = z.infer<typeof PrivacyExport>;
