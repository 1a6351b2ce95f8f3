import { randomUUID } from 'node:crypto';
import type { ArticleDraft } from '../../../src-shared/domain/model.js';
import type { ArticleMutationKind } from '../../../src-shared/protocol/mutations/article-mutations.js';
import type { Cache } from '../../store/cache.js';
import type { ClientMutations } from './client-mutation.js';

export const UNCONFIRMED_ARTICLE =
  'The relay took this edit before the connection dropped but never confirmed it. Check the article and save again if your changes are missing.';

/** An article edit: kept as a draft until the relay confirms it, so a refusal loses nothing. Returns the article id. */
export function recordArticleEdit(
  cache: Cache,
  edit: ArticleDraft & { articleId?: string | null; baseVersion: number },
  now: number,
): string {
  const { articleId: given, baseVersion, ...draft } = edit;
  const articleId = given ?? randomUUID();
  cache.transaction(() => {
    cache.articleDrafts.save(articleId, baseVersion, draft, now);
    cache.outbox.enqueue({ kind: 'article.save', articleId, baseVersion, ...draft }, now);
  });
  return articleId;
}

export const articleMutations: ClientMutations<ArticleMutationKind> = {
  'article.save': {
    // The editor shows the refused version with the reason; its writer decides what to keep.
    refused: ({ cache, changes }, edit, rejection) => {
      cache.articleDrafts.mark(edit.articleId, 'refused', rejection.message);
      changes.articles();
    },
    // Confirmed, it is no draft any more (a refused one stays for its writer).
    settled: ({ cache, changes }, edit) => {
      cache.articleDrafts.confirm(edit.articleId);
      changes.articles();
    },
    // Whether the relay took it is unknown, so the draft stays, said so.
    unconfirmed: (cache, edit) => cache.articleDrafts.mark(edit.articleId, 'unconfirmed', UNCONFIRMED_ARTICLE),
  },
};
