import { z } from 'zod';
import { Id, MESSAGE_BODY_MAX } from '../domain/model.js';
import { PersonalDataKind } from '../privacy/personal-data-kinds.js';

/** PUT /api/admin/masking-policy, by an administrator: the company's MaskingPolicy (src-shared/privacy/masking-policy.ts). */
export const MASKING_POLICY_PATH = '/api/admin/masking-policy';

/** POST /api/personal-data/reveal: one masked value of a message, for this view only; audited. */
export const REVEAL_PATH = '/api/personal-data/reveal';

export const REVEAL_REASON_MAX = 200;

export const RevealRequest = z
  .object({
    conversationId: Id,
    messageId: Id,
    /** The message's text (`body`) or what the agent wrote before translation (`original`). */
    field: z.enum(['body', 'original']),
    /** Where the masked value starts in that text as the desk received it (UTF-16 offset). */
    at: z.number().int().nonnegative().max(MESSAGE_BODY_MAX),
    /** Why the agent needs the value; kept in the audit log. */
    reason: z.string().trim().min(3, 'say in a few words why you need the value').max(REVEAL_REASON_MAX),
  })
  .strict();
export type RevealRequest = z.infer<typeof RevealRequest>;

export const RevealResponse = z.object({ kind: PersonalDataKind, value: z.string().max(MESSAGE_BODY_MAX) });
export type RevealResponse = z.infer<typeof RevealResponse>;
