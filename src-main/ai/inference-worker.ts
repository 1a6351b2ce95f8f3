import os from 'node:os';
import path from 'node:path';
import { env, pipeline, StoppingCriteria, type FeatureExtractionPipeline, type TranslationPipeline } from '@huggingface/transformers';
import { FromWorker, ToWorker, type EmbedJob, type InferenceJob, type TranslateJob } from './inference-protocol.js';
import { splitForTranslation } from './sentences.js';

/**
 * The inference process: runs model jobs one at a time, away from the core, so a native fault in
 * ONNX Runtime or a slow model cannot take the core down or stall its event loop. Started by
 * Electron's utilityProcess in the desktop app and by child_process.fork in the web host.
 */

// Models arrive only through the model manager; the library must never fetch on its own.
env.allowRemoteModels = false;
env.allowLocalModels = true;

/** Leave a core to the core process and the UI. */
const THREADS = Math.max(1, os.availableParallelism() - 1);

interface Port {
  send(message: FromWorker): void;
  onMessage(listener: (message: unknown) => void): void;
}

const loaded = new Map<string, Promise<TranslationPipeline | FeatureExtractionPipeline>>();
const cancelled = new Set<number>();

class CancelledError extends Error {}

/** Stops generation at the next token once the job is cancelled. */
class CancelCriteria extends StoppingCriteria {
  constructor(private readonly jobId: number) {
    super();
  }
  override _call(inputIds: number[][]): boolean[] {
    return inputIds.map(() => cancelled.has(this.jobId));
  }
}

function load<T extends TranslationPipeline | FeatureExtractionPipeline>(task: 'translation' | 'feature-extraction', job: InferenceJob): Promise<T> {
  const key = `${task}\n${job.modelPath}\n${job.dtype}`;
  let model = loaded.get(key);
  if (!model) {
    // Loads run one at a time (jobs do), so the shared setting holds for this load.
    env.localModelPath = path.dirname(job.modelPath);
    model = pipeline(task, path.basename(job.modelPath), {
      device: 'cpu',
      dtype: job.dtype,
      session_options: { intraOpNumThreads: THREADS, interOpNumThreads: 1 },
    }) as Promise<TranslationPipeline | FeatureExtractionPipeline>;
    model.catch(() => loaded.delete(key));
    loaded.set(key, model);
  }
  return model as Promise<T>;
}

async function translate(id: number, job: TranslateJob): Promise<{ text: string }> {
  const translator = await load<TranslationPipeline>('translation', job);
  const languages = job.sourceLanguage && job.targetLanguage ? { src_lang: job.sourceLanguage, tgt_lang: job.targetLanguage } : {};
  let text = '';
  for (const piece of splitForTranslation(job.text)) {
    if (cancelled.has(id)) throw new CancelledError();
    if (!piece.translate) {
      text += piece.text;
      continue;
    }
    const options = { ...languages, max_new_tokens: maxNewTokens(piece.text), stopping_criteria: [new CancelCriteria(id)] };
    const output = (await translator(piece.text, options as never)) as { translation_text: string }[];
    text += output[0]?.translation_text ?? '';
  }
  if (cancelled.has(id)) throw new CancelledError();
  return { text };
}

/** Room for a translation a good deal longer than its source, but not a runaway one. */
function maxNewTokens(text: string): number {
  return Math.min(400, Math.ceil(text.length * 1.5) + 16);
}

async function embed(job: EmbedJob): Promise<{ vectors: number[][] }> {
  const extractor = await load<FeatureExtractionPipeline>('feature-extraction', job);
  const output = await extractor(job.texts, { pooling: 'mean', normalize: true });
  return { vectors: output.tolist() as number[][] };
}

async function run(port: Port, id: number, job: InferenceJob): Promise<void> {
  try {
    const result = job.task === 'translate' ? await translate(id, job) : await embed(job);
    port.send({ type: 'done', id, result });
  } catch (error) {
    const wasCancelled = error instanceof CancelledError || cancelled.has(id);
    port.send({ type: 'failed', id, message: error instanceof Error ? error.message : String(error), cancelled: wasCancelled });
  } finally {
    cancelled.delete(id);
  }
}

function serve(port: Port): void {
  let queue = Promise.resolve();
  port.onMessage((raw) => {
    const parsed = ToWorker.safeParse(raw);
    if (!parsed.success) {
      console.error('[inference] ignored a malformed message:', parsed.error.issues[0]?.message);
      return;
    }
    const message = parsed.data;
    if (message.type === 'cancel') {
      cancelled.add(message.id);
      return;
    }
    queue = queue.then(() => run(port, message.id, message.job));
  });
  port.send({ type: 'ready' });
}

/** Electron's utilityProcess has `process.parentPort`; a forked Node child has `process.send`. */
function parentPort(): Port {
  const electronPort = (process as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (electronPort) {
    return { send: (m) => electronPort.postMessage(FromWorker.parse(m)), onMessage: (l) => electronPort.on('message', (e) => l(e.data)) };
  }
  if (!process.send) throw new Error('The inference process must be started with an IPC channel (fork or utilityProcess).');
  return { send: (m) => process.send?.(m), onMessage: (l) => process.on('message', l) };
}

// The core is the only reason to live: without it, exit rather than linger.
process.on('disconnect', () => process.exit(0));
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted everywhere; inference still works at normal priority.
}
serve(parentPort());
