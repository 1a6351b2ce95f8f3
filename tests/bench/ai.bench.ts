// npm run bench -- ai: on-device language work. Last line: one JSON object.
//   MODEL_DIR=/path/to/models   folder with a real translation model (e.g. opus-mt-es-en) and, for intent by
//                               embedding, paraphrase-multilingual-MiniLM-L12-v2; the tiny test models otherwise
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { detectLanguage } from '../../src-main/ai/detect-language.js';
import { forkInferenceProcess } from '../../src-main/ai/fork-inference.js';
import { InferenceClient } from '../../src-main/ai/inference-client.js';
import { loadDefinitions } from '../../src-main/ai/insight/definitions.js';
import { loadIntentModel } from '../../src-main/ai/insight/intent-model.js';
import { DefinitionsAnalyser } from '../../src-main/ai/insight/text-analyser.js';
import { LanguageService } from '../../src-main/ai/language-service.js';
import { scanInstalledModels } from '../../src-main/ai/model-library.js';
import { writeTinyBert, writeTinyMarian } from '../../src-main/ai/testing/tiny-models.js';
import type { TranslationModel } from '../../src-main/ai/translation-routes.js';
import { Cache } from '../../src-main/store/cache.js';
import { classify, readLabelledMessages, score, scoreByLanguage } from './intent-evaluation.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const SENTENCES = [
  'Hola, mi pedido no ha llegado todavía.',
  'Me cobraron dos veces el mismo pedido.',
  '¿Puedo cambiar la dirección de entrega?',
  'El paquete llegó roto y quiero que me devuelvan el dinero.',
  'Muchas gracias por la ayuda, sois muy amables.',
  'No puedo entrar en mi cuenta desde ayer.',
  '¿Cuándo llega mi pedido número 48213?',
  'Quiero cancelar mi suscripción este mes.',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function languageId(): Record<string, number> {
  const samples = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/langid/short-messages.json'), 'utf8')) as { lang: string; text: string }[];
  const correct = samples.filter((s) => detectLanguage(s.text)?.language === s.lang).length;
  const rounds = 20;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const s of samples) detectLanguage(s.text);
  const seconds = (performance.now() - start) / 1000;
  return { langid_accuracy: round(correct / samples.length, 4), langid_per_s: Math.round((rounds * samples.length) / seconds), langid_messages: samples.length };
}

/** The labelled sets measured here and never tuned on (tests/fixtures/intent/README.md), by the prefix of their figures. */
const TEST_SETS = { intent_heldout: 'customers-held-out.json', intent_independent: 'customers-independent.json' } as const;

/** Intent on one set of labelled customer messages: fractions right, wrong and abstained, overall and per language. */
async function intentOn(analyser: DefinitionsAnalyser, file: string, prefix: string): Promise<Record<string, unknown>> {
  const samples = readLabelledMessages(path.join(root, 'tests/fixtures/intent', file));
  const start = performance.now();
  const outcomes = await classify(analyser, samples);
  const ms = (performance.now() - start) / samples.length;
  const overall = score(outcomes);
  const byLanguage = Object.fromEntries(Object.entries(scoreByLanguage(outcomes)).map(([language, s]) => [language, { accuracy: s.accuracy, wrong: s.wrong, abstained: s.abstained }]));
  return {
    [`${prefix}_accuracy`]: overall.accuracy,
    [`${prefix}_wrong`]: overall.wrong,
    [`${prefix}_abstained`]: overall.abstained,
    [`${prefix}_sentiment_wrong`]: overall.sentimentWrong,
    [`${prefix}_messages`]: overall.messages,
    [`${prefix}_ms_per_message`]: round(ms, 3),
    [`${prefix}_by_language`]: byLanguage,
  };
}

/** Every test set through the same analyser, one after the other; `suffix` marks the figures (e.g. `_model`). */
async function intentOnEachSet(analyser: DefinitionsAnalyser, suffix: string): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = {};
  for (const [prefix, file] of Object.entries(TEST_SETS)) Object.assign(figures, await intentOn(analyser, file, `${prefix}${suffix}`));
  return figures;
}

function definitions() {
  return loadDefinitions(path.join(root, 'resources/ai/intents.json')).definitions;
}

/** The learned intent model the desk ships (resources/ai/intent-model.json). */
function intentModel() {
  return loadIntentModel(path.join(root, 'resources/ai/intent-model.json'));
}

/** Milliseconds to settle one message's intent without the embedding model (cue words and the learned model). */
async function keywordSpeed(): Promise<Record<string, number>> {
  const analyser = new DefinitionsAnalyser(definitions(), { embeddingModel: () => null, embed: async () => null }, undefined, intentModel());
  for (const text of SENTENCES) await analyser.analyse(text);
  const rounds = 200;
  const start = performance.now();
  for (let round = 0; round < rounds; round++) for (const text of SENTENCES) await analyser.analyse(text);
  return { intent_keywords_ms_per_message: Math.round(((performance.now() - start) / (rounds * SENTENCES.length)) * 1000) / 1000 };
}

/** Without a model: cue words, or nothing. */
function intentWithoutModel(): Promise<Record<string, unknown>> {
  return intentOnEachSet(new DefinitionsAnalyser(definitions(), { embeddingModel: () => null, embed: async () => null }, undefined, intentModel()), '');
}

/** With the sentence-embedding model from MODEL_DIR, else the tiny random one (its figures then say nothing of quality). */
async function intentWithModel(client: InferenceClient, dir: string): Promise<Record<string, unknown>> {
  const folder = process.env.MODEL_DIR ? path.resolve(process.env.MODEL_DIR) : dir;
  if (!process.env.MODEL_DIR) writeTinyBert(dir, 'paraphrase-multilingual-MiniLM-L12-v2');
  const embedding = scanInstalledModels([folder]).embedding;
  if (!embedding) return { intent_heldout_model: null };
  const language = new LanguageService(client, () => ({ translation: [], embedding }));
  const figures = await intentOnEachSet(new DefinitionsAnalyser(definitions(), language, (m, e) => console.error(`[bench] ${m}`, e ?? ''), intentModel()), '_model');
  return { ...figures, intent_heldout_model: process.env.MODEL_DIR ? embedding.id : `tiny-random-${embedding.id}` };
}

function pickModel(dir: string): TranslationModel {
  const found = scanInstalledModels([dir]).translation[0];
  if (!found) throw new Error(`No translation model in ${dir}.`);
  return found;
}

async function translation(model: TranslationModel, client: InferenceClient): Promise<Record<string, number | string>> {
  const job = (text: string) => ({ task: 'translate' as const, modelPath: model.path, dtype: model.dtype, text });
  await client.run(job('Hola.'));
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const text = `${SENTENCES[i % SENTENCES.length]} (${i})`;
    const start = performance.now();
    await client.run(job(text));
    times.push(performance.now() - start);
  }
  return { model: model.id, translate_ms_p50: round(percentile(times, 50)), translate_ms_p99: round(percentile(times, 99)) };
}

/** The core's event loop while 100 messages are translated in the inference process and stored. */
async function loopLag(model: TranslationModel, client: InferenceClient, dir: string): Promise<Record<string, number>> {
  const cache = Cache.open(path.join(dir, 'bench.sqlite'));
  const language = new LanguageService(client, () => ({ translation: [model], embedding: null }));
  const [source, target] = 'source' in model.languages ? [model.languages.source, model.languages.target] : ['es', 'en'];
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const translated = await language.translate(`${SENTENCES[i % SENTENCES.length]} [${i}]`, source, target);
      if (translated) cache.insights.saveTranslation(`m${i}`, { body: translated.body, from: source, to: target, model: translated.model }, Date.now());
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  histogram.disable();
  cache.close();
  return { core_loop_lag_p99_ms: round(histogram.percentile(99) / 1e6), core_loop_lag_max_ms: round(histogram.max / 1e6), translations_per_s: round(100 / seconds) };
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-ai-'));
const client = new InferenceClient({ launch: forkInferenceProcess, log: (m) => console.error(`[bench] ${m}`) });
try {
  const model = pickModel(process.env.MODEL_DIR ? path.resolve(process.env.MODEL_DIR) : (writeTinyMarian(dir, 'opus-mt-es-en'), dir));
  const result: Record<string, unknown> = { ...languageId(), ...(await intentWithoutModel()), ...(await keywordSpeed()), ...(await intentWithModel(client, dir)) };
  Object.assign(result, await translation(model, client));
  if (!process.env.MODEL_DIR) result.model = `tiny-random-${model.id}`;
  Object.assign(result, await loopLag(model, client, dir));
  result.node = process.version;
  console.log(JSON.stringify(result));
} finally {
  client.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
