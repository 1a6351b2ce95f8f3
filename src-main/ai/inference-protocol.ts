import { z } from 'zod';

/**
 * Messages between the core and its inference process. Both sides parse what they receive:
 * the process can be a different build (a stale utility process after an update) or crash mid-write.
 */

const ModelPath = z.string().min(1).max(4096);
const Dtype = z.enum(['fp32', 'q8']);

export const TranslateJob = z.object({
  task: z.literal('translate'),
  /** The model's own folder (…/opus-mt-es-en). */
  modelPath: ModelPath,
  dtype: Dtype,
  text: z.string().min(1).max(20_000),
  /** For many-to-many models, which name languages per call (m2m100: "es", "th"). */
  sourceLanguage: z.string().max(16).optional(),
  targetLanguage: z.string().max(16).optional(),
});
export type TranslateJob = z.infer<typeof TranslateJob>;

export const EmbedJob = z.object({
  task: z.literal('embed'),
  modelPath: ModelPath,
  dtype: Dtype,
  texts: z.array(z.string().max(20_000)).min(1).max(256),
});
export type EmbedJob = z.infer<typeof EmbedJob>;

export const InferenceJob = z.discriminatedUnion('task', [TranslateJob, EmbedJob]);
export type InferenceJob = z.infer<typeof InferenceJob>;

export type JobResult<J extends InferenceJob> = J extends TranslateJob ? { text: string } : { vectors: number[][] };

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), id: z.number().int().nonnegative(), job: InferenceJob }),
  z.object({ type: z.literal('cancel'), id: z.number().int().nonnegative() }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('done'),
    id: z.number().int().nonnegative(),
    result: z.union([z.object({ text: z.string() }), z.object({ vectors: z.array(z.array(z.number())) })]),
  }),
  z.object({
    type: z.literal('failed'),
    id: z.number().int().nonnegative(),
    message: z.string(),
    cancelled: z.boolean(),
  }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
