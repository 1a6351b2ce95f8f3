// How the fallback (cue words and the learned model, no embedding model) carries to phrasings it
// was not built from: each dev set in turn is left out, the model trained on the rest, and the left
// out set scored with the cue words as they were before that set was written (from git), so that
// neither part has seen it. The guide for generalization, not the tuned-on scores.
//   npx tsx scripts/intent-leave-one-out.ts [--sweep]
// Only dev sets: the held-out and independent sets are the benchmark's (tests/fixtures/intent/README.md).
import { execFileSync } from 'node:child_process';
import { IntentCues, type CueVerdict } from '../src-main/ai/insight/intent-cues.js';
import { parseDefinitions, loadDefinitions, type IntentDefinitions } from '../src-main/ai/insight/definitions.js';
import { IntentModel, type IntentGuess } from '../src-main/ai/insight/intent-model.js';
import { settleIntent, VOTE } from '../src-main/ai/insight/intent-vote.js';
import { trainIntentModel } from '../src-main/ai/insight/train-intent-model.js';
import type { LabelledMessage } from '../tests/bench/intent-evaluation.js';
import { definitionMessages, devSets } from './intent-training.js';

/**
 * The commit whose intents.json each dev set was first scored against, before any cue was changed
 * because of it (tests/fixtures/intent/README.md). customers-dev.json was written alongside the
 * first cues, so it has none: it is trained on, and scored only with today's cues, marked tuned.
 */
const CUES_BEFORE: Record<string, string> = {
  'customers-dev-2.json': 'bd56f13',
  'customers-dev-3.json': '3070aba',
  'customers-dev-4.json': 'ee8efc7',
  'customers-dev-5.json': '9cfd9c2',
  'customers-dev-6.json': 'e5d8a64',
  'customers-dev-7.json': 'cca5dc4',
  'customers-dev-8.json': 'c2cbdf0',
  'customers-dev-9.json': '075d44f',
  'customers-dev-10.json': 'c837b38',
  'customers-dev-11.json': 'c837b38',
  'customers-dev-12.json': '4e9c0c8',
  'customers-dev-13.json': '4e9c0c8',
};

const INTENTS = new URL('../resources/ai/intents.json', import.meta.url).pathname;
const current = loadDefinitions(INTENTS).definitions;
const intents = current.intents.map((intent) => intent.id);
const sets = devSets();

function cuesBefore(name: string): { definitions: IntentDefinitions; fresh: boolean } {
  const commit = CUES_BEFORE[name];
  if (!commit) return { definitions: current, fresh: false };
  const text = execFileSync('git', ['show', `${commit}:resources/ai/intents.json`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { definitions: parseDefinitions(text, `${commit}:intents.json`).definitions, fresh: true };
}

interface Row {
  set: string;
  fresh: boolean;
  sample: LabelledMessage;
  verdict: CueVerdict;
  ranked: IntentGuess[];
}

const rows: Row[] = [];
for (const [name, samples] of sets) {
  const { definitions, fresh } = cuesBefore(name);
  const training = [...definitionMessages(definitions), ...[...sets].filter(([other]) => other !== name).flatMap(([, messages]) => messages)];
  const model = new IntentModel(trainIntentModel(training, intents));
  const cues = new IntentCues(definitions.intents, definitions.negations);
  for (const sample of samples) rows.push({ set: name, fresh, sample, verdict: cues.judge(sample.text), ranked: model.rank(sample.text) });
}

type Decide = (row: Row) => string | null;
const known = (intent: string) => intents.includes(intent);
const combined: Decide = (row) => settleIntent(row.verdict, row.ranked, known)?.intent ?? null;
const cuesAlone: Decide = (row) => row.verdict.intent;

function tally(subset: readonly Row[], decide: Decide): { right: number; wrong: number } {
  let right = 0;
  let wrong = 0;
  for (const row of subset) {
    const intent = decide(row);
    if (intent === row.sample.intent) right += 1;
    else if (intent !== null) wrong += 1;
  }
  return { right: right / Math.max(1, subset.length), wrong: wrong / Math.max(1, subset.length) };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
const pair = ({ right, wrong }: { right: number; wrong: number }) => `${percent(right)}${percent(wrong)}`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const fresh = rows.filter((row) => row.fresh);

console.log('left out                 cues alone (right wrong)   cues + model (right wrong)');
for (const name of sets.keys()) {
  const subset = rows.filter((row) => row.set === name);
  console.log(`${name.padEnd(24)} ${pair(tally(subset, cuesAlone))}              ${pair(tally(subset, combined))}${subset[0]?.fresh ? '' : '   (cues tuned on it: not counted below)'}`);
}
const freshSets = [...sets.keys()].filter((name) => fresh.some((row) => row.set === name));
const perSet = freshSets.map((name) => tally(fresh.filter((row) => row.set === name), combined));
console.log(`median of sets           ${pair({ right: median(freshSets.map((name) => tally(fresh.filter((row) => row.set === name), cuesAlone).right)), wrong: median(freshSets.map((name) => tally(fresh.filter((row) => row.set === name), cuesAlone).wrong)) })}              ${pair({ right: median(perSet.map((s) => s.right)), wrong: median(perSet.map((s) => s.wrong)) })}`);
console.log(`all (${fresh.length} messages)       ${pair(tally(fresh, cuesAlone))}              ${pair(tally(fresh, combined))}`);
console.log('\nby language              cues alone                 cues + model');
const base = (language: string) => language.split('-')[0]!;
for (const language of [...new Set(fresh.map((row) => base(row.sample.language)))]) {
  const subset = fresh.filter((row) => base(row.sample.language) === language);
  console.log(`${language.padEnd(24)} ${pair(tally(subset, cuesAlone))}              ${pair(tally(subset, combined))}`);
}

if (process.argv.includes('--sweep')) {
  // How the thresholds trade right for wrong; VOTE holds the ones chosen.
  console.log(`\nalone veto support   right wrong   (chosen: ${VOTE.alone} ${VOTE.veto} ${VOTE.support})`);
  for (const alone of [0.6, 0.7, 0.8]) {
    for (const veto of [0.5, 0.7]) {
      for (const support of [0.02, 0.1, 0.2, 0.3]) {
        const vote = { alone, veto, support };
        console.log(`${String(alone).padEnd(6)}${String(veto).padEnd(5)}${String(support).padEnd(10)}${pair(tally(fresh, (row) => settleIntent(row.verdict, row.ranked, known, vote)?.intent ?? null))}`);
      }
    }
  }
}
