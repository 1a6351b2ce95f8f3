// What the learned intent model is trained on, shared by the training script and the leave-one-set-out evaluation.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IntentDefinitions } from '../src-main/ai/insight/definitions.js';
import type { TrainingMessage } from '../src-main/ai/insight/train-intent-model.js';
import { readLabelledMessages, type LabelledMessage } from '../tests/bench/intent-evaluation.js';

export const FIXTURES = new URL('../tests/fixtures/intent/', import.meta.url).pathname;

/** The dev sets by name (customers-dev*.json), in a fixed order; never the held-out or independent set. */
export function devSets(): Map<string, LabelledMessage[]> {
  const names = readdirSync(FIXTURES)
    .filter((name) => /^customers-dev[\w-]*\.json$/.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return new Map(names.map((name) => [name, readLabelledMessages(join(FIXTURES, name))]));
}

/**
 * The intents file's examples, and its cue phrases as short texts of their intent (so the model
 * learns their word pieces and hears them bent: "reembolsaram" from "reembolso*").
 */
export function definitionMessages(definitions: IntentDefinitions): TrainingMessage[] {
  return definitions.intents.flatMap((intent) => [
    ...intent.examples.map((text) => ({ text, intent: intent.id })),
    ...intent.cues.map((cue) => ({ text: cue.replace(/\*$/, ''), intent: intent.id })),
  ]);
}
