import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiRouter } from '../api-router.js';
import type { ConversationCriteria, EventPayload, InboxView } from '../../../src-shared/api/contract.js';
import { CHANNELS, type Conversation, type ConversationStatus } from '../../../src-shared/domain/model.js';
import { slaStateAt } from '../../../src-shared/domain/sla.js';
import { Cache } from '../../store/cache.js';
import { sampleAgent, sampleConversation } from '../../store/testing/records.js';
import { stubHandlers } from '../testing/stub-handlers.js';
import { ApiEvents } from '../api-events.js';
import { Guards } from './guards.js';
import { countViews, selectionOf, viewHandlers, watchViewCounts } from './view-service.js';

const NOW = Date.now();
const MINUTE = 60_000;
const mei = sampleAgent({ id: 'mei', teamIds: ['apac', 'sea'] });
const ANY: ConversationCriteria = { statuses: [], labels: [], channels: [], languages: [], markets: [], slaStates: [], vip: null };
const sla = (dueInMinutes: number) => ({ policyId: 'p', firstResponseDueAt: NOW + dueInMinutes * MINUTE, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, breached: [] });

function mention(cache: Cache, conversationId: string, kind: 'mentioned' | 'reassigned' = 'mentioned'): void {
  cache.notices.add({ at: NOW, kind, conversationId, customerName: 'Nok', otherAgentName: 'Somchai', messageId: null, detail: '@Mei see this' });
}

describe('inbox views', () => {
  let cache: Cache;
  let events: ApiEvents;
  beforeEach(() => {
    cache = Cache.open(':memory:');
    events = new ApiEvents(() => {});
    cache.session.saveSignIn({ token: 't', expiresAt: NOW + 3_600_000, agent: mei });
    cache.session.setDirectory({ colleagues: [], teams: [{ id: 'sea', name: 'South-East Asia' }, { id: 'apac', name: 'Asia Pacific' }, { id: 'eu', name: 'Europe' }], version: null });
  });
  afterEach(() => cache.close());

  const handlers = () => viewHandlers({ cache, events, guards: new Guards(cache, { isClosed: () => false }) });
  const listed = (view: InboxView, status: ConversationStatus | 'all' = 'all') =>
    cache.conversations
      .page({ status, selection: selectionOf(cache, mei, view), now: NOW, after: null, limit: 200 })
      .items.map((c) => c.id)
      .sort();

  it('lists and counts Mine, Unassigned in my teams, Mentions, each team and each channel', async () => {
    for (const conversation of [
      sampleConversation({ id: 'mine-open', assigneeId: 'mei', channel: 'line' }),
      sampleConversation({ id: 'mine-resolved', assigneeId: 'mei', status: 'resolved' }),
      sampleConversation({ id: 'queued-apac', assigneeId: null, channel: 'line' }),
      sampleConversation({ id: 'queued-sea', assigneeId: null, teamId: 'sea', status: 'pending' }),
      sampleConversation({ id: 'queued-eu', assigneeId: null, teamId: 'eu', channel: 'email' }),
      sampleConversation({ id: 'colleagues', assigneeId: 'somchai' }),
      sampleConversation({ id: 'claimed', assigneeId: null, teamId: 'eu' }),
    ]) {
      cache.conversations.upsert(conversation);
    }
    cache.outbox.enqueue({ kind: 'conversation.claim', conversationId: 'claimed' }, NOW);
    mention(cache, 'colleagues');
    mention(cache, 'queued-eu', 'reassigned');

    expect(listed({ kind: 'mine' })).toEqual(['claimed', 'mine-open', 'mine-resolved']);
    expect(listed({ kind: 'mine' }, 'resolved')).toEqual(['mine-resolved']);
    expect(listed({ kind: 'unassigned' })).toEqual(['queued-apac', 'queued-sea']);
    expect(listed({ kind: 'mentions' })).toEqual(['colleagues']);
    expect(listed({ kind: 'team', teamId: 'eu' })).toEqual(['claimed', 'queued-eu']);
    expect(listed({ kind: 'channel', channel: 'line' })).toEqual(['mine-open', 'queued-apac']);

    expect(await handlers()['views.counts']({})).toEqual({
      all: 6,
      mine: 2,
      unassigned: 2,
      mentions: 1,
      teams: [
        { teamId: 'apac', name: 'Asia Pacific', count: 3 },
        { teamId: 'sea', name: 'South-East Asia', count: 1 },
      ],
      channels: [
        { channel: 'email', count: 1 },
        { channel: 'line', count: 2 },
        { channel: 'webchat', count: 3 },
      ],
      saved: [],
    });
  });

  it('counts a saved filter exactly as its list, over data drawn at random, SLA states included', async () => {
    let seed = 21;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const conversations: Conversation[] = Array.from({ length: 400 }, (_, i) =>
      sampleConversation({
        id: `c${i}`,
        status: pick(['open', 'pending', 'resolved'] as const),
        channel: pick(CHANNELS),
        language: pick(['th-TH', 'ja-JP', 'de-DE']),
        market: pick(['TH', 'JP', 'DE', null]),
        labels: pick([[], ['refund'], ['refund', 'urgent'], ['b2b']]),
        vip: random() < 0.2,
        sla: pick([null, sla(-5), sla(3), sla(45)]),
        lastMessageAt: 1_000 + i,
      }),
    );
    for (const conversation of conversations) cache.conversations.upsert(conversation);
    const criteria: ConversationCriteria = { ...ANY, statuses: ['open', 'pending'], labels: ['refund'], channels: ['line', 'whatsapp', 'webchat', 'email'], languages: ['th-TH', 'ja-JP'], markets: ['TH', 'JP'], slaStates: ['warning', 'breached'], vip: null };
    const expected = conversations.filter(
      (c) =>
        c.status !== 'resolved' &&
        (c.labels ?? []).includes('refund') &&
        criteria.channels.includes(c.channel) &&
        criteria.languages.includes(c.language) &&
        criteria.markets.includes(c.market ?? '') &&
        ['warning', 'breached'].includes(slaStateAt(c.sla, NOW)?.state ?? 'none'),
    );
    expect(expected.length).toBeGreaterThan(3);
    const { filter } = await handlers()['views.saveFilter']({ filterId: null, name: 'Refunds at risk', criteria });
    expect(listed({ kind: 'saved', filterId: filter.id })).toEqual(expected.map((c) => c.id).sort());
    const counts = countViews(cache, mei, NOW);
    expect(counts.saved).toEqual([{ filter, count: expected.length }]);

    const vipNoSla = { ...ANY, slaStates: ['none' as const], vip: true };
    expect(cache.views.count({ criteria: vipNoSla }, NOW)).toBe(conversations.filter((c) => c.vip && slaStateAt(c.sla, NOW) === null).length);
    // The same filter later: a clock three minutes from due has passed it.
    expect(cache.views.count({ criteria: { ...ANY, slaStates: ['breached'] } }, NOW + 4 * MINUTE)).toBe(conversations.filter((c) => slaStateAt(c.sla, NOW + 4 * MINUTE)?.state === 'breached').length);
  });

  it('saves, renames and deletes the agent’s own filters; names are unique per agent', async () => {
    const views = handlers();
    const { filter } = await views['views.saveFilter']({ filterId: null, name: 'VIP on LINE', criteria: { ...ANY, channels: ['line'], vip: true } });
    await expect(views['views.saveFilter']({ filterId: null, name: 'vip on line', criteria: ANY })).rejects.toMatchObject({ code: 'bad_request', message: 'You already have a filter named "VIP on LINE".' });
    await views['views.saveFilter']({ filterId: filter.id, name: 'VIP LINE', criteria: { ...ANY, channels: ['line'] } });
    expect(cache.views.filters('mei')).toEqual([{ id: filter.id, name: 'VIP LINE', criteria: { ...ANY, channels: ['line'] } }]);
    // Another agent on this desk neither sees nor reaches it.
    expect(cache.views.filters('somchai')).toEqual([]);
    expect(() => selectionOf(cache, sampleAgent({ id: 'somchai' }), { kind: 'saved', filterId: filter.id })).toThrow('This saved filter no longer exists.');
    await views['views.deleteFilter']({ filterId: filter.id });
    expect(cache.views.filters('mei')).toEqual([]);
    await expect(views['views.deleteFilter']({ filterId: filter.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('offers the labels, languages and markets held here as choices', async () => {
    cache.conversations.upsert(sampleConversation({ id: 'a', labels: ['refund', 'b2b'], language: 'ja-JP', market: 'JP' }));
    cache.conversations.upsert(sampleConversation({ id: 'b', labels: ['refund'], language: 'th-TH', market: null }));
    expect(await handlers()['views.choices']({})).toEqual({ labels: ['b2b', 'refund'], languages: ['ja-JP', 'th-TH'], markets: ['JP'] });
  });

  it('tells views.changed after a burst of changes, only when a count moved', async () => {
    const told: EventPayload<'views.changed'>[] = [];
    events.on('views.changed', (counts) => told.push(counts));
    const stop = watchViewCounts({ cache, events, log: () => {} }, 10);
    try {
      cache.conversations.upsert(sampleConversation({ id: 'x', assigneeId: 'mei' }));
      events.emit('conversations.changed', { conversationIds: ['x'] });
      events.emit('conversations.changed', { conversationIds: ['x'] });
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(told.map((c) => c.mine)).toEqual([1]);
      events.emit('conversations.changed', { conversationIds: ['x'] });
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(told).toHaveLength(1);
      cache.conversations.upsert(sampleConversation({ id: 'x', assigneeId: 'mei', status: 'resolved' }));
      events.emit('conversations.changed', { conversationIds: ['x'] });
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(told.map((c) => c.mine)).toEqual([1, 0]);
    } finally {
      stop();
    }
  });

  it('refuses malformed views and filters at the door, with the shared schemas', async () => {
    let called = 0;
    const router = createApiRouter(
      stubHandlers({
        'conversations.list': async () => {
          called += 1;
          return { items: [], nextCursor: null };
        },
        'views.saveFilter': async () => {
          called += 1;
          throw new Error('not reached');
        },
      }),
    );
    const refused = [
      await router.handle('conversations.list', { view: { kind: 'team' } }),
      await router.handle('conversations.list', { view: { kind: 'channel', channel: 'pigeon' } }),
      await router.handle('conversations.list', { view: { kind: 'mine', agentId: 'somchai' } }),
      await router.handle('views.saveFilter', { name: '   ', criteria: {} }),
      await router.handle('views.saveFilter', { name: 'x', criteria: { slaStates: ['late'] } }),
      await router.handle('views.saveFilter', { name: 'x', criteria: { markets: ["DE' OR 1=1"] } }),
      await router.handle('views.saveFilter', { name: 'x', criteria: { where: '1=1' } }),
    ];
    expect(refused.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(7).fill('bad_request'));
    expect(refused[3]).toMatchObject({ error: { message: expect.stringContaining('Give the filter a name.') } });
    expect(called).toBe(0);
  });
});
