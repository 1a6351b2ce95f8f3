import { beforeEach, expect, it } from 'vitest';
import type { Article } from '../../../src-shared/domain/model.js';
import type { SlaPolicy } from '../../../src-shared/domain/sla.js';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

const article = (id: string, version: number, title = `Title ${id}`): Article => ({
  id, version, title, body: 'How to', locale: 'en', markets: [], tags: [], titles: [], intents: [], public: false, updatedAt: version * 10, updatedByName: 'Ann',
});
const policy = (id: string): SlaPolicy => ({ id, name: id, priorities: [], channels: [], markets: [], firstResponseMinutes: 5, nextResponseMinutes: 10, resolutionMinutes: 60 });

describeStorage('mutation ids, articles, SLA and ratings', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it("records each (client, agent) pair's last applied mutation id, 0 for a pair never seen", async () => {
    const { clients } = storage();
    expect(await clients.lastMutationId('desk-1', 'ann')).toBe(0);
    await storage().transaction((tx) => tx.clients.saveLastMutationId('desk-1', 'ann', 7, 100), { tenantId: 'acme' });
    await storage().transaction((tx) => tx.clients.saveLastMutationId('desk-1', 'ann', 9, 101), { tenantId: 'acme' });
    expect(await clients.lastMutationId('desk-1', 'ann')).toBe(9);
    expect(await clients.lastMutationId('desk-1', 'al')).toBe(0);
    expect(await clients.lastMutationId('desk-2', 'ann')).toBe(0);
    await expect(storage().transaction((tx) => tx.clients.saveLastMutationId('desk-1', 'ann', 10, 102).then(() => Promise.reject(new Error('no'))))).rejects.toThrow('no');
    expect(await clients.lastMutationId('desk-1', 'ann')).toBe(9);
  });

  it('keeps the current version of each article for its tenant, and every version', async () => {
    await storage().transaction(async ({ articles }) => {
      await articles.save('acme', article('b-art', 1), 'ann');
      await articles.save('acme', article('B-art', 1), 'ann');
      await articles.save('acme', article('b-art', 2, 'Renamed'), 'al');
    }, { tenantId: 'acme' });
    const { articles } = storage();
    expect(await articles.find('b-art')).toEqual({ tenantId: 'acme', article: article('b-art', 2, 'Renamed') });
    expect(await articles.find('nope')).toBeNull();
    expect((await articles.list('acme')).map((a) => [a.id, a.version])).toEqual([['B-art', 1], ['b-art', 2]]);
    expect(await articles.list('globex')).toEqual([]);
    // A version is kept once: saving it again fails, and nothing of that save stays.
    await expect(storage().transaction((tx) => tx.articles.save('acme', article('b-art', 2, 'Again'), 'al'))).rejects.toThrow();
    expect((await articles.find('b-art'))?.article.title).toBe('Renamed');
  });

  it("replaces a tenant's SLA policies in order, and keeps each breach once", async () => {
    await storage().transaction((tx) => tx.sla.replacePolicies('acme', [policy('vip'), policy('all')]), { tenantId: 'acme' });
    await storage().transaction((tx) => tx.sla.replacePolicies('acme', [policy('z'), policy('a'), policy('m')]), { tenantId: 'acme' });
    const { sla } = storage();
    expect((await sla.listPolicies('acme')).map((p) => p.id)).toEqual(['z', 'a', 'm']);
    expect(await sla.listPolicies('globex')).toEqual([]);
    const breach = { conversationId: 'c1', target: 'first_response' as const, dueAt: 50, breachedAt: 60, teamId: 'team-a', channel: 'webchat', market: 'DE' };
    await sla.insertBreach('acme', breach);
    await sla.insertBreach('acme', { ...breach, breachedAt: 61 });
    await sla.insertBreach('acme', { ...breach, target: 'resolution', breachedAt: 55, market: null });
    expect(await sla.listBreaches('acme', 0, 100)).toEqual([{ ...breach, target: 'resolution', breachedAt: 55, market: null }, breach]);
    expect(await sla.listBreaches('acme', 56, 60)).toEqual([]);
    expect(await sla.listBreaches('globex', 0, 100)).toEqual([]);
  });

  it('takes one rating per conversation, lists them by time, and erases one with its comment', async () => {
    const { ratings } = storage();
    const rating = { conversationId: 'c1', score: 4, comment: 'Quick', ratedAt: 30, teamId: 'team-a', assigneeId: 'ann', channel: 'webchat', market: null };
    expect(await ratings.insert('acme', rating)).toBe(true);
    expect(await ratings.insert('acme', { ...rating, score: 1 })).toBe(false);
    expect(await ratings.insert('acme', { ...rating, conversationId: 'c0', ratedAt: 20, comment: null, assigneeId: null, market: 'DE' })).toBe(true);
    expect(await ratings.isRated('c1')).toBe(true);
    expect(await ratings.isRated('c9')).toBe(false);
    expect(await ratings.list('acme', 0, 100)).toEqual([{ ...rating, conversationId: 'c0', ratedAt: 20, comment: null, assigneeId: null, market: 'DE' }, rating]);
    expect(await ratings.list('acme', 21, 30)).toEqual([]);
    await ratings.erase('acme', 'c1');
    expect(await ratings.isRated('c1')).toBe(false);
  });
});
