// Scores the analyser without the embedding model (cue words and the learned model) on a dev set, per language:
//   npx tsx scripts/score-intent-dev.ts [tests/fixtures/intent/customers-dev-2.json] [--misses] [--cues-only]
// --cues-only leaves the learned model out. How it carries to unseen sets: scripts/intent-leave-one-out.ts.
// Only for dev sets: the held-out and independent sets are the benchmark's alone (tests/fixtures/intent/README.md).
import { resolve } from 'node:path';
import { loadDefinitions } from '../src-main/ai/insight/definitions.js';
import { loadIntentModel } from '../src-main/ai/insight/intent-model.js';
import { DefinitionsAnalyser } from '../src-main/ai/insight/text-analyser.js';
import { classify, readLabelledMessages, score, scoreByLanguage } from '../tests/bench/intent-evaluation.js';

const args = process.argv.slice(2);
const file = resolve(args.find((arg) => !arg.startsWith('--')) ?? 'tests/fixtures/intent/customers-dev-2.json');
if (!/customers-dev[\w-]*\.json$/.test(file)) throw new Error(`${file} is not a dev set: only customers-dev*.json may be scored here.`);

const { definitions } = loadDefinitions(new URL('../resources/ai/intents.json', import.meta.url).pathname);
const model = args.includes('--cues-only') ? null : loadIntentModel(new URL('../resources/ai/intent-model.json', import.meta.url).pathname);
const analyser = new DefinitionsAnalyser(definitions, { embeddingModel: () => null, embed: async () => null }, undefined, model);
const outcomes = await classify(analyser, readLabelledMessages(file));

const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
console.log('lang   right   wrong  abstain');
for (const [language, result] of Object.entries({ ...scoreByLanguage(outcomes), all: score(outcomes) })) {
  console.log(`${language.padEnd(4)}${percent(result.accuracy)}${percent(result.wrong)}${percent(result.abstained)}`);
}
if (args.includes('--misses')) {
  for (const { sample, intent } of outcomes) {
    if (intent !== sample.intent) console.log(`${intent === null ? 'ABSTAIN' : 'WRONG  '} [${sample.language}] ${sample.intent} → ${intent}: ${sample.text}`);
  }
}
