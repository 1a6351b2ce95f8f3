import { z } from 'zod';
import { ArticleDraft, Id } from '../../domain/model.js';

/** Supervisors and admins write articles; `baseVersion` 0 creates one, else it must be the version edited. */
export const ArticleSave = ArticleDraft.extend({
  kind: z.literal('article.save'),
  articleId: Id,
  baseVersion: z.number().int().nonnegative(),
});

export const ARTICLE_MUTATIONS = [ArticleSave] as const;
export type ArticleMutationKind = z.infer<(typeof ARTICLE_MUTATIONS)[number]>['kind'];
