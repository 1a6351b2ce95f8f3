import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { findPersonalData } from '../../../src-shared/privacy/find-personal-data.js';
import { PERSONAL_DATA_KINDS, PersonalDataKind } from '../../../src-shared/privacy/personal-data-kinds.js';

const FixtureCase = z.object({
  id: z.string(),
  language: z.string(),
  text: z.string(),
  spans: z.array(z.object({ kind: PersonalDataKind, value: z.string() })),
});
type FixtureCase = z.infer<typeof FixtureCase>;

/** The labelled cases in tests/privacy/fixtures, written apart from the detector (see its README). */
export function piiFixtures(): FixtureCase[] {
  const file = path.resolve('tests/privacy/fixtures/pii-fixtures.json');
  return z.array(FixtureCase).parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * The customer's market as the desk would know it: the fixture's region when its language tag has
 * one, else the country where the language is mostly written to support teams of the demo.
 */
const MARKET_OF_LANGUAGE: Record<string, string> = { en: 'US', es: 'MX', pt: 'BR', de: 'DE', fr: 'FR', zh: 'CN', ja: 'JP', th: 'TH', hi: 'IN', ar: 'SA', id: 'ID' };

export function marketOf(language: string): string | null {
  const region = language.split('-').find((part, index) => index > 0 && /^[A-Z]{2}$/.test(part));
  return region ?? MARKET_OF_LANGUAGE[language.split('-')[0]!.toLowerCase()] ?? null;
}

export interface KindScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface PiiEvaluation {
  overall: KindScore;
  byKind: Record<PersonalDataKind, KindScore>;
  /** Each miss and each false find, for reading: "id: kind value". */
  misses: string[];
  falseFinds: string[];
}

/** A find counts when its kind and its exact text equal a label's; each label is matched once. */
export function evaluatePii(cases: FixtureCase[]): PiiEvaluation {
  const counts = Object.fromEntries(PERSONAL_DATA_KINDS.map((kind) => [kind, { tp: 0, fp: 0, fn: 0 }])) as Record<PersonalDataKind, { tp: number; fp: number; fn: number }>;
  const misses: string[] = [];
  const falseFinds: string[] = [];
  for (const fixture of cases) {
    const expected = fixture.spans.map((span) => `${span.kind}\u0000${span.value}`);
    for (const span of findPersonalData(fixture.text, { market: marketOf(fixture.language) })) {
      const index = expected.indexOf(`${span.kind}\u0000${span.value}`);
      if (index >= 0) {
        expected.splice(index, 1);
        counts[span.kind].tp += 1;
      } else {
        counts[span.kind].fp += 1;
        falseFinds.push(`${fixture.id}: ${span.kind} ${span.value}`);
      }
    }
    for (const left of expected) {
      const [kind, value] = left.split('\u0000') as [PersonalDataKind, string];
      counts[kind].fn += 1;
      misses.push(`${fixture.id}: ${kind} ${value}`);
    }
  }
  const score = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }): KindScore => ({
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  });
  const total = Object.values(counts).reduce((sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const byKind = Object.fromEntries(PERSONAL_DATA_KINDS.map((kind) => [kind, score(counts[kind])])) as Record<PersonalDataKind, KindScore>;
  return { overall: score(total), byKind, misses, falseFinds };
}
