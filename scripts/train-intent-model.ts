// Trains the learned intent model from the intents file (examples and cues) and every dev set, and
// writes resources/ai/intent-model.json. Deterministic: the same inputs give the same file.
//   npx tsx scripts/train-intent-model.ts
// Only dev sets: the held-out and independent sets are the benchmark's (tests/fixtures/intent/README.md).
import { writeFileSync } from 'node:fs';
import { loadDefinitions } from '../src-main/ai/insight/definitions.js';
import { trainIntentModel } from '../src-main/ai/insight/train-intent-model.js';
import { definitionMessages, devSets } from './intent-training.js';

const INTENTS = new URL('../resources/ai/intents.json', import.meta.url).pathname;
const OUTPUT = new URL('../resources/ai/intent-model.json', import.meta.url).pathname;

const { definitions } = loadDefinitions(INTENTS);
const sets = devSets();
const messages = [...definitionMessages(definitions), ...[...sets.values()].flat()];
const model = trainIntentModel(messages, definitions.intents.map((intent) => intent.id));
const note = `Learned intent model, written by scripts/train-intent-model.ts from resources/ai/intents.json and ${[...sets.keys()].join(', ')}. Do not edit: train it again.`;
const text = `${JSON.stringify({ ...model, note }, null, 1)}\n`;
writeFileSync(OUTPUT, text);
console.log(`${OUTPUT}: ${messages.length} messages, ${model.buckets} buckets, ${(text.length / 1024).toFixed(0)} KB`);
