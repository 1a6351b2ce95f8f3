import { z } from 'zod';
import { LanguageTag } from '../domain/model.js';

/**
 * The models a company's desks fetch (docs/models.md, "Models without a manual step"): an
 * administrator may pin the set; otherwise each desk works it out from the languages below.
 */

/** A model's id as the catalog names it, which is its folder name: "opus-mt-th-en". */
export const ModelSetId = z.string().max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a model id is a folder name: letters, digits, ".", "_" and "-"');

export const PinnedModelSet = z
  .array(ModelSetId)
  .min(1, 'pin at least one model, or let each desk choose')
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, 'a model is listed twice');
export type PinnedModelSet = z.infer<typeof PinnedModelSet>;

/** PUT /api/admin/model-set, by an administrator: the pinned set, in the order desks fetch it; null lets each desk choose. */
export const ModelSetUpdate = z.object({ models: PinnedModelSet.nullable() }).strict();
export type ModelSetUpdate = z.infer<typeof ModelSetUpdate>;
export const ADMIN_MODEL_SET_PATH = '/api/admin/model-set';

/** GET /api/model-set, by any signed-in account: what its desk needs to plan its models at sign-in. */
export const DeskModelNeeds = z.object({
  /** The company's pinned set, or null. */
  pinned: PinnedModelSet.nullable(),
  /** The languages the agent works in (routing profile), besides the account's own. */
  agentLanguages: z.array(LanguageTag),
  /** The languages the agent's teams serve. */
  teamLanguages: z.array(LanguageTag),
});
export type DeskModelNeeds = z.infer<typeof DeskModelNeeds>;
export const MODEL_SET_PATH = '/api/model-set';
