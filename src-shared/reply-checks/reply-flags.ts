import { z } from 'zod';
import { ReplyRuleAction, ReplyRuleId } from './reply-rules.js';

/** Which text a rule was found in: the agent's words, or the translation the customer gets. */
export const CheckedPart = z.enum(['draft', 'translation']);
export type CheckedPart = z.infer<typeof CheckedPart>;

/** A rule the reply being written breaks, as the composer shows it: why, and where (UTF-16 offsets in that part's text). */
export const ReplyCheckHit = z.object({
  ruleId: ReplyRuleId,
  action: ReplyRuleAction,
  description: z.string(),
  part: CheckedPart,
  spans: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })),
});
export type ReplyCheckHit = z.infer<typeof ReplyCheckHit>;

/**
 * What a sent reply carries to the relay about the checks: each rule that flagged it while it was
 * written, and whether the agent sent it anyway (`overridden`, a warning) or changed the reply
 * until the rule no longer applied. Never the text that was flagged.
 */
export const ReplyFlagRecord = z.object({
  ruleId: ReplyRuleId,
  action: ReplyRuleAction,
  overridden: z.boolean(),
});
export type ReplyFlagRecord = z.infer<typeof ReplyFlagRecord>;

/** A reply breaks few rules; a file with more than this many is not a reply-checking file. */
export const REPLY_FLAGS_MAX = 20;
