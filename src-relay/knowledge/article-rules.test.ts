import { describe, expect, it } from 'vitest';
import { ACME_WITH_HISTORY, pushSettled, untilEvents, useSeededRelay, type Ack, type SyncClient } from '../testing/sync-harness.js';

describe('knowledge base', () => {
  const now = Date.now();
  const { signInLive: signIn } = useSeededRelay(ACME_WITH_HISTORY, now);

  let mutationId = 0;
  const mutation = (body: Record<string, unknown>) => ({ mutationId: ++mutationId, createdAt: now, body });
  const push = async (client: SyncClient, ...mutations: unknown[]): Promise<Ack> => (await pushSettled(client, ...mutations)).ack;

  const draft = { title: 'Refunds', body: 'Refunds take **5–7 days**.', locale: 'en', markets: [], tags: ['payments'], intents: ['refund'], public: true };
  const save = (articleId: string, baseVersion: number, title = draft.title) => mutation({ kind: 'article.save', articleId, baseVersion, ...draft, title });

  it('lets supervisors write articles that reach every agent of the tenant, and refuses agents', async () => {
    const sue = await signIn('sue@acme.test');
    const cid = await signIn('cid@acme.test');
    const refused = await push(cid, save('kb-1', 0));
    expect(refused.rejections).toEqual([{ mutationId: mutationId, code: 'forbidden', message: expect.stringContaining('supervisors') }]);
    expect((await push(sue, save('kb-1', 0))).rejections).toEqual([]);
    // Cid is in another team than Sue: the knowledge base is the tenant's.
    const { events } = await untilEvents(cid);
    expect(events.map((e) => e.data)).toEqual([{ type: 'article.saved', article: { ...draft, id: 'kb-1', version: 1, updatedAt: expect.any(Number), updatedByName: 'Sue' } }]);
  });

  it('refuses an edit of a version that was replaced meanwhile, naming who saved', async () => {
    const sue = await signIn('sue@acme.test');
    const root = await signIn('root@acme.test');
    await push(sue, save('kb-2', 0));
    await push(root, save('kb-2', 1, 'Refunds (Root)'));
    const stale = await push(sue, save('kb-2', 1, 'Refunds (Sue)'));
    expect(stale.rejections).toEqual([{ mutationId, code: 'conflict', reason: 'edited', otherAgentName: 'Root', message: expect.stringContaining('Root') }]);
  });
});
