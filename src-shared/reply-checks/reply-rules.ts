import { z } from 'zod';
import { PersonalDataKind } from '../privacy/personal-data-kinds.js';

/** A rule's id as the agent, the audit log and the supervisors' board name it. */
export const ReplyRuleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a rule id is lower-case letters, digits and dashes, at most 63');
export type ReplyRuleId = z.infer<typeof ReplyRuleId>;

/** `warn`: the agent sees why and may send anyway (recorded); `block`: nothing leaves until the reply is fixed. */
export const ReplyRuleAction = z.enum(['warn', 'block']);
export type ReplyRuleAction = z.infer<typeof ReplyRuleAction>;

/** A language's base subtag, as the phrases are keyed ("en", "th", "zh"). */
const LanguageKey = z.string().regex(/^[a-z]{2,3}$/, 'a language is a lower-case base subtag such as "en" or "th"');
const Market = z.string().regex(/^[A-Z]{2}$/, 'a market is an upper-case region code such as "BR"');
const Phrase = z.string().trim().min(2).max(200);

const Pattern = z
  .string()
  .min(1)
  .max(300)
  .superRefine((source, context) => {
    try {
      new RegExp(source, 'gu');
    } catch (error) {
      context.addIssue({ code: 'custom', message: `pattern /${source}/ does not compile: ${(error as Error).message}` });
    }
  });

const ReplyRuleMatch = z
  .object({
    /** Words or phrases by language, matched as whole words after folding case, width and Latin diacritics. */
    phrases: z.record(LanguageKey, z.array(Phrase).min(1)).default({}),
    /** Regular expressions by language, run on the folded text; a match must start and end on word boundaries. */
    patterns: z.record(LanguageKey, z.array(Pattern).min(1)).default({}),
    /** Personal data the detector finds (src-shared/privacy): the reply must not carry it to the customer. */
    personalData: z.array(PersonalDataKind).default([]),
  })
  .strict()
  .refine((match) => Object.keys(match.phrases).length + Object.keys(match.patterns).length + match.personalData.length > 0, 'a rule needs phrases, patterns or personalData to match');

export const ReplyRule = z
  .object({
    id: ReplyRuleId,
    /** Shown to the agent: what is wrong and what to do instead. */
    description: z.string().trim().min(1).max(300),
    action: ReplyRuleAction,
    /** Empty: every market. A conversation whose market is unknown is checked by every rule. */
    markets: z.array(Market).default([]),
    /** Empty: text in any language. Text whose language is unknown is checked by every rule. */
    languages: z.array(LanguageKey).default([]),
    match: ReplyRuleMatch,
  })
  .strict();
export type ReplyRule = z.infer<typeof ReplyRule>;

/** The file around the rules; each rule is parsed on its own (below), so its error can name it. */
const ReplyRulesFile = z
  .object({
    version: z.literal(1),
    note: z.string().optional(),
    rules: z.array(z.unknown()),
  })
  .strict();
export type ReplyRules = { version: 1; note?: string | undefined; rules: ReplyRule[] };

export class ReplyRulesError extends Error {}

/**
 * Reads a company's rules (resources/ai/reply-rules.json, or its own). Each rule is checked on
 * its own, so a mistake is named by the rule's id and the field: `rule "card-quoted" (rules[1]):
 * match.phrases.th: ...`, not only by an index into the file.
 */
export function parseReplyRules(raw: unknown, source: string): ReplyRules {
  const file = ReplyRulesFile.safeParse(raw);
  if (!file.success) throw new ReplyRulesError(`${source}: ${describeIssue(file.error.issues[0])}`);
  const rules: ReplyRule[] = [];
  const seen = new Set<string>();
  file.data.rules.forEach((entry, index) => {
    const name = ruleName(entry, index);
    const rule = ReplyRule.safeParse(entry);
    if (!rule.success) throw new ReplyRulesError(`${source}: ${name}: ${describeIssue(rule.error.issues[0])}`);
    if (seen.has(rule.data.id)) throw new ReplyRulesError(`${source}: ${name}: the id is used by an earlier rule`);
    seen.add(rule.data.id);
    rules.push(rule.data);
  });
  return { version: 1, note: file.data.note, rules };
}

function ruleName(entry: unknown, index: number): string {
  const id = typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string' ? entry.id : null;
  return id ? `rule "${id.slice(0, 63)}" (rules[${index}])` : `rules[${index}]`;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
