import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SENTIMENTS } from '../../../src-shared/api/contract.js';
import { parseJson } from '../../../src-node/json-file.js';

const Phrase = z.string().trim().min(1).max(500);

export const IntentDefinitions = z
  .object({
    version: z.literal(1),
    note: z.string().optional(),
    intents: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'an intent id is lower_snake_case'),
          label: z.string().trim().min(1),
          examples: z.array(Phrase).min(1, 'an intent needs at least one example'),
          /** Words and phrases that name this intent, in any language; without a model they decide, or the analyser abstains. "cancel*" also matches "cancelled". */
          cues: z.array(Phrase).default([]),
          /**
           * Stands only when no other intent's cues are found (`true`: a complaint that also asks for a
           * refund is a refund request), or none of the intents listed (a payment method named in a
           * failing payment is a payment problem, not a question about payment options).
           */
          yields: z.union([z.boolean(), z.array(z.string())]).default(false),
        }),
      )
      .min(1),
    sentiment: z.object({
      examples: z.object(Object.fromEntries(SENTIMENTS.map((s) => [s, z.array(Phrase).min(1)])) as Record<(typeof SENTIMENTS)[number], z.ZodArray<typeof Phrase>>),
      lexicon: z.object({
        negative: z.array(Phrase),
        positive: z.array(Phrase),
        /** Words that take the tone out of a cue just after them: "not", "ไม่", "不". */
        negations: z.array(Phrase).default([]),
      }),
    }),
    /** Words that cancel a cue just after them: "I don't want to cancel", "不想取消". */
    negations: z.array(Phrase).default([]),
  })
  .superRefine((definitions, context) => {
    const seen = new Set<string>();
    definitions.intents.forEach((intent, index) => {
      if (seen.has(intent.id)) context.addIssue({ code: 'custom', path: ['intents', index, 'id'], message: `intent "${intent.id}" is defined twice` });
      seen.add(intent.id);
    });
  });
export type IntentDefinitions = z.infer<typeof IntentDefinitions>;

/** Parses the intents file; a bad file fails naming the file and the first bad entry. */
export function parseDefinitions(text: string, source: string): { definitions: IntentDefinitions } {
  return { definitions: parseJson(text, source, IntentDefinitions) };
}

export function loadDefinitions(file: string): { definitions: IntentDefinitions } {
  return parseDefinitions(readFileSync(file, 'utf8'), file);
}
