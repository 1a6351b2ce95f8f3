// Scores an analyser on a labelled set of customer messages (tests/fixtures/intent/README.md).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SENTIMENTS } from '../../src-shared/api/contract.js';
import type { TextAnalyser } from '../../src-main/ai/message-analyser.js';

const LabelledMessage = z.object({ language: z.string(), intent: z.string().nullable(), sentiment: z.enum(SENTIMENTS), text: z.string().min(1) });
export type LabelledMessage = z.infer<typeof LabelledMessage>;

export function readLabelledMessages(file: string): LabelledMessage[] {
  return z.array(LabelledMessage).parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Fractions of the messages: right (the labelled intent, or none for none), wrong (another intent, or one where none applies), abstained (none where one applies). */
export interface IntentScore {
  accuracy: number;
  wrong: number;
  abstained: number;
  /** A polar sentiment (negative or positive) where the label says otherwise. */
  sentimentWrong: number;
  messages: number;
}

export interface IntentOutcome {
  sample: LabelledMessage;
  intent: string | null;
  sentiment: string;
}

export async function classify(analyser: TextAnalyser, samples: readonly LabelledMessage[]): Promise<IntentOutcome[]> {
  const outcomes: IntentOutcome[] = [];
  for (const sample of samples) {
    const analysis = await analyser.analyse(sample.text);
    outcomes.push({ sample, intent: analysis.intent, sentiment: analysis.sentiment });
  }
  return outcomes;
}

export function score(outcomes: readonly IntentOutcome[]): IntentScore {
  const count = (test: (outcome: IntentOutcome) => boolean) => outcomes.filter(test).length;
  const right = count((o) => o.intent === o.sample.intent);
  const abstained = count((o) => o.intent === null && o.sample.intent !== null);
  const sentimentWrong = count((o) => o.sentiment !== 'neutral' && o.sentiment !== o.sample.sentiment);
  const n = Math.max(1, outcomes.length);
  const fraction = (value: number) => Math.round((value / n) * 1000) / 1000;
  return { accuracy: fraction(right), wrong: fraction(outcomes.length - right - abstained), abstained: fraction(abstained), sentimentWrong: fraction(sentimentWrong), messages: outcomes.length };
}

export function scoreByLanguage(outcomes: readonly IntentOutcome[]): Record<string, IntentScore> {
  const languages = [...new Set(outcomes.map((o) => o.sample.language))];
  return Object.fromEntries(languages.map((language) => [language, score(outcomes.filter((o) => o.sample.language === language))]));
}
