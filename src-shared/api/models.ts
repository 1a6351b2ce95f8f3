import { z } from 'zod';
import { Empty } from './method-shapes.js';

/** Where a model on this machine came from: downloaded by the user, provided by an administrator, shipped with the app. */
export const ModelSource = z.enum(['user', 'admin', 'bundled']);
export type ModelSource = z.infer<typeof ModelSource>;

/**
 * Why a download failed, for a plain message in the agent's language (i18n `models.failure.*`):
 * offline or blocked, refused (401/403), not on the server (404), arrived damaged (checksum),
 * the disk is full, the disk budget would be exceeded, or another answer from the server.
 */
export const ModelFailure = z.enum(['offline', 'forbidden', 'not-found', 'damaged', 'disk-full', 'over-budget', 'server']);
export type ModelFailure = z.infer<typeof ModelFailure>;

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
  /** The same, as a kind the interface words plainly; absent from older desks. */
  failure: ModelFailure.nullable().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** The disk the user's model folder may take, which downloads stay within. */
export const ModelBudget = z.object({ usedBytes: z.number().nonnegative(), budgetBytes: z.number().nonnegative() });
export type ModelBudget = z.infer<typeof ModelBudget>;

/** Why a model is fetched without a click (src-main/ai/models/model-plan.ts). */
export const ModelNeed = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('read'), source: z.string(), target: z.string() }),
  z.object({ kind: z.literal('reply'), source: z.string(), target: z.string() }),
  z.object({ kind: z.literal('embedding') }),
  z.object({ kind: z.literal('pinned'), modelId: z.string() }),
]);
export type ModelNeed = z.infer<typeof ModelNeed>;

/** The models fetched at sign-in, one at a time: where it stands, and what it left out. */
export const AutoFetchStatus = z.object({
  /** `waiting`: the last try failed for a reason that may pass (offline), and it tries again at `retryAt`. */
  state: z.enum(['idle', 'planning', 'fetching', 'waiting', 'done']),
  /** The model downloading now, and the plan's models done and in all. */
  current: z.string().nullable(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** How far the whole plan is, the current model's bytes included: 0 to 1. */
  fraction: z.number().min(0).max(1),
  /** Why the last try failed, while waiting; or a model that failed for good. */
  failure: ModelFailure.nullable(),
  retryAt: z.number().nullable(),
  /** The company pinned the set (Company settings). */
  pinned: z.boolean(),
  /** What the plan could not fetch: over the disk budget, or no model in the catalog translates it. */
  leftOut: z.array(z.object({ need: ModelNeed, modelIds: z.array(z.string()), reason: z.enum(['over-budget', 'no-model']) })),
  /** Models that failed for good this time (refused, not found, disk full). */
  failed: z.array(z.object({ modelId: z.string(), failure: ModelFailure })),
});
export type AutoFetchStatus = z.infer<typeof AutoFetchStatus>;

const ModelList = z.object({
  models: z.array(ModelInfo),
  /** Where downloads come from: the public hub or a company mirror. */
  hubUrl: z.string(),
  /** Absent from desks without a model manager. */
  budget: ModelBudget.optional(),
  autoFetch: AutoFetchStatus.optional(),
});

const ModelId = z.object({ modelId: z.string().min(1).max(200) }).strict();

export const modelsMethods = {
  'models.list': { input: Empty, output: ModelList },
  /** Starts or resumes a download; progress arrives as `models.changed`. */
  'models.download': { input: ModelId, output: ModelList },
  'models.cancelDownload': { input: ModelId, output: ModelList },
  /** The disk the user's model folder may take (kept on this desk); downloads stay within it. */
  'models.setBudget': { input: z.object({ budgetBytes: z.number().int().min(0).max(10_000_000_000_000) }).strict(), output: ModelList },
} as const;

export const modelsEvents = {
  'models.changed': ModelList,
} as const;
