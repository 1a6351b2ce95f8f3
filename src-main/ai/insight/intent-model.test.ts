import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonFileError } from '../../../src-node/json-file.js';
import { IntentModel, loadIntentModel } from './intent-model.js';
import { settleIntent } from './intent-vote.js';
import { trainIntentModel, type TrainingMessage } from './train-intent-model.js';

// A small training set written for this test (not the fixtures the shipped model learns from).
const TRAINING: TrainingMessage[] = [
  ...['I want my money back', 'please refund me', 'refund for the broken lamp', 'give me a refund', 'quiero un reembolso', 'reembolso del pedido por favor', 'devuélvanme el dinero', 'money back for the mug'].map((text) => ({ text, intent: 'refund' })),
  ...['where is my parcel', 'where is the package', 'has my parcel shipped', 'dónde está mi paquete', 'mi paquete dónde está', 'any news on the parcel', 'tracking for my package', 'el paquete ya salió'].map((text) => ({ text, intent: 'order_status' })),
  ...['change my delivery address', 'new address please', 'update the shipping address', 'cambiar la dirección', 'nueva dirección de entrega', 'wrong address, change it', 'mi dirección cambió', 'address change for the order'].map((text) => ({ text, intent: 'address_change' })),
  ...['hello', 'thanks a lot', 'good morning', 'hola buenas', 'muchas gracias', 'ok', 'see you', 'gracias, hasta luego'].map((text) => ({ text, intent: null })),
];
const INTENTS = ['refund', 'order_status', 'address_change'];

describe('learned intent model', () => {
  const file = trainIntentModel(TRAINING, INTENTS, { buckets: 1 << 12 });
  const model = new IntentModel(file);
  const folder = mkdtempSync(path.join(tmpdir(), 'intent-model-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('names the intent of phrasings it was not trained on, from the pieces of words it was', () => {
    const cases: [string, string | null][] = [
      ['can i get a refund on the kettle?', 'refund'],
      ['reembolsen mi pedido', 'refund'],
      ['where is my package?? order 5521', 'order_status'],
      ['quiero cambiar mi dirección', 'address_change'],
      ['thanks, good morning', null],
    ];
    for (const [text, intent] of cases) expect(model.rank(text)[0]?.intent, text).toBe(intent);
  });

  it('ranks every class with probabilities that add up to one', () => {
    const ranked = model.rank('refund please');
    expect(ranked.map((guess) => guess.intent).sort()).toEqual([null, ...INTENTS].sort());
    expect(ranked.reduce((sum, guess) => sum + guess.probability, 0)).toBeCloseTo(1, 6);
    expect(ranked[0]!.probability).toBeGreaterThanOrEqual(ranked[1]!.probability);
    // Nothing it knows: no class stands out.
    expect(model.rank('zzzz qqqq')[0]!.probability).toBeLessThan(0.7);
  });

  it('trains to the same file every time', () => {
    expect(JSON.stringify(trainIntentModel(TRAINING, INTENTS, { buckets: 1 << 12 }))).toBe(JSON.stringify(file));
    expect(JSON.stringify(trainIntentModel([...TRAINING].reverse(), INTENTS, { buckets: 1 << 12 }))).not.toBe(JSON.stringify(file));
  });

  it('loads from its file, and refuses a damaged one naming it', () => {
    const good = path.join(folder, 'good.json');
    writeFileSync(good, JSON.stringify(file));
    expect(loadIntentModel(good).rank('refund me')[0]?.intent).toBe('refund');
    const cut = path.join(folder, 'cut.json');
    writeFileSync(cut, JSON.stringify({ ...file, table: file.table.slice(0, 40) }));
    expect(() => loadIntentModel(cut)).toThrow(/damaged/);
    const wrong = path.join(folder, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ ...file, classes: 'refund' }));
    expect(() => loadIntentModel(wrong)).toThrow(JsonFileError);
  });

  it('refuses a training message labelled with an intent it does not know', () => {
    expect(() => trainIntentModel([{ text: 'hi', intent: 'weather' }], INTENTS)).toThrow(/"weather"/);
  });
});

describe('settling cue words against the learned model', () => {
  const guesses = (...pairs: [string | null, number][]) => pairs.map(([intent, probability]) => ({ intent, probability }));
  const known = () => true;
  const cued = (intent: string | null, extra: { heard?: boolean; negated?: boolean } = {}) => ({ intent, share: intent ? 1 : 0, heard: extra.heard ?? intent !== null, negated: extra.negated ?? false });

  it('keeps a cued intent the model does not contradict', () => {
    expect(settleIntent(cued('refund'), guesses(['refund', 0.3], [null, 0.3], ['order_status', 0.2]), known)?.intent).toBe('refund');
    expect(settleIntent(cued('refund'), guesses([null, 0.7], ['refund', 0.25]), known)?.intent).toBe('refund');
  });

  it('gives none when the model is sure of another intent, or all but rules the cued one out', () => {
    expect(settleIntent(cued('refund'), guesses(['order_status', 0.6], ['refund', 0.3]), known)).toBeNull();
    expect(settleIntent(cued('refund'), guesses([null, 0.85], ['refund', 0.1]), known)).toBeNull();
  });

  it('leaves a message with a negated cue to the cues: the model does not read negations', () => {
    expect(settleIntent(cued('order_status', { negated: true }), guesses(['cancellation', 0.9], ['order_status', 0.01]), known)?.intent).toBe('order_status');
  });

  it('lets the model speak alone only where no cue was heard, and only when sure', () => {
    expect(settleIntent(cued(null), guesses(['refund', 0.85], [null, 0.1]), known)?.intent).toBe('refund');
    expect(settleIntent(cued(null), guesses(['refund', 0.5], [null, 0.4]), known)).toBeNull();
    expect(settleIntent(cued(null), guesses([null, 0.9], ['refund', 0.1]), known)).toBeNull();
    // Two intents cued equally, or a cue after a negation: a guess is exactly what misleads there.
    expect(settleIntent(cued(null, { heard: true }), guesses(['refund', 0.95]), known)).toBeNull();
    expect(settleIntent(cued(null, { negated: true }), guesses(['cancellation', 0.95]), known)).toBeNull();
  });

  it('ignores what the model says of intents the definitions do not have', () => {
    expect(settleIntent(cued(null), guesses(['refund', 0.95]), (intent) => intent !== 'refund')).toBeNull();
    expect(settleIntent(cued('own_intent'), guesses(['refund', 0.95]), (intent) => intent !== 'refund')?.intent).toBe('own_intent');
  });
});
