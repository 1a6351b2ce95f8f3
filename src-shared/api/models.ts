import { z } from 'zod';
import { Empty } from './method-shapes.js';

/** Where a model on this machine came from: downloaded by the user, provided by an administrator, shipped with the app. */
export const ModelSource = z.enum(['user', 'admin', 'bundled']);
export type ModelSource = z.infer<typeof ModelSource>;

export const ModelInfo = z.object({
  id: z.string(),
  task: z.enum(['translation', 'embedding']),
  /** "es → en", "100 languages", "multilingual". */
  languages: z.string(),
  licence: z.string(),
  /** On disk when installed, else the catalog's estimate. */
  sizeBytes: z.number().nonnegative(),
  state: z.enum(['installed', 'available', 'downloading']),
  folder: z.string().nullable(),
  source: ModelSource.nullable(),
  progress: z.object({ done: z.number().nonnegative(), total: z.number().nonnegative() }).nullable(),
  /** Why the last download failed. */
  error: z.string().nullable(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

const ModelList = z.object({
  models: z.array(ModelInfo),
  /** Where downloads come from: the public hub or a company mirror. */
  hubUrl: z.string(),
});

const ModelId = z.object({ modelId: z.string().min(1).max(200) }).strict();

export const modelsMethods = {
  'models.list': { input: Empty, output: ModelList },
  /** Starts or resumes a download; progress arrives as `models.changed`. */
  'models.download': { input: ModelId, output: ModelList },
  'models.cancelDownload': { input: ModelId, output: ModelList },
} as const;

export const modelsEvents = {
  'models.changed': ModelList,
} as const;
