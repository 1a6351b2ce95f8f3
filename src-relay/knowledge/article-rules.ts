import type { ArticleMutationKind } from '../../src-shared/protocol/mutations/article-mutations.js';
import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import type { Refusal, RelayRules, RuleContext } from '../relay-rule.js';

/**
 * Supervisors and admins keep the knowledge base. An edit names the version it started from;
 * if someone saved meanwhile, it is refused with who did, rather than silently overwriting them.
 */
async function saveArticle({ changes, agent }: RuleContext, mutation: MutationOf<'article.save'>): Promise<Refusal | null> {
  if (agent.role === 'agent') return { code: 'forbidden', message: 'Only supervisors and administrators edit the knowledge base.' };
  const existing = await changes.store.articles.find(mutation.articleId);
  if (existing && existing.tenantId !== agent.tenantId) return { code: 'conflict', message: 'This article id is already used.' };
  const current = existing?.article.version ?? 0;
  if (current !== mutation.baseVersion) {
    const otherAgentName = existing?.article.updatedByName ?? null;
    return { code: 'conflict', reason: 'edited', otherAgentName, message: `${otherAgentName ?? 'Someone'} saved a newer version of this article meanwhile.` };
  }
  const { kind: _kind, articleId, baseVersion: _base, ...draft } = mutation;
  await changes.saveArticle({ ...draft, id: articleId, version: current + 1, updatedAt: changes.at, updatedByName: agent.name }, agent.id);
  return null;
}

/** The relay's rule for every knowledge-base mutation (src-shared/protocol/mutations/article-mutations.ts). */
export const knowledgeRules: RelayRules<ArticleMutationKind> = {
  'article.save': saveArticle,
};
