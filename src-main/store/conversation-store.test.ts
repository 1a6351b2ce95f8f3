import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../src-node/sqlite/migration.js';
import { Cache } from './cache.js';
import { ConversationStore } from './conversation-store.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';
import { sampleAgent, sampleConversation, signInSample } from './testing/records.js';

describe('ConversationStore', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = signInSample(Cache.open(':memory:'));
  });
  afterEach(() => cache.close());

  it('replaces a conversation whole when the relay sends it again', () => {
    cache.conversations.upsert(sampleConversation({ status: 'open', assigneeId: 'a1' }));
    const sla = { policyId: 'chat', firstResponseDueAt: null, nextResponseDueAt: 9_000, resolutionDueAt: 90_000, firstRespondedAt: 2_000, breached: ['first_response' as const] };
    cache.conversations.upsert(sampleConversation({ status: 'resolved', assigneeId: null, market: null, vip: true, sla }));
    expect(cache.conversations.get('conv-1')).toEqual(sampleConversation({ status: 'resolved', assigneeId: null, market: null, vip: true, sla }));
    expect(cache.conversations.get('nope')).toBeUndefined();
  });

  it('pages newest first with a keyset that survives ties and inserts between pages', () => {
    const times = [5, 3, 3, 3, 1];
    times.forEach((at, i) => cache.conversations.upsert(sampleConversation({ id: `c${i}`, lastMessageAt: at })));
    const first = cache.conversations.page({ status: 'all', after: null, limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(['c0', 'c3']);
    cache.conversations.upsert(sampleConversation({ id: 'late', lastMessageAt: 9 }));
    const second = cache.conversations.page({ status: 'all', after: first.next, limit: 2 });
    expect(second.items.map((c) => c.id)).toEqual(['c2', 'c1']);
    const third = cache.conversations.page({ status: 'all', after: second.next, limit: 2 });
    expect(third).toEqual({ items: [expect.objectContaining({ id: 'c4' })], next: null });
  });

  it('filters by status', () => {
    cache.conversations.upsert(sampleConversation({ id: 'a', status: 'open' }));
    cache.conversations.upsert(sampleConversation({ id: 'b', status: 'resolved' }));
    const resolved = cache.conversations.page({ status: 'resolved', after: null, limit: 10 });
    expect(resolved.items.map((c) => c.id)).toEqual(['b']);
  });

  it('filters by channel, with a status and across pages', () => {
    cache.conversations.upsert(sampleConversation({ id: 'wa-1', channel: 'whatsapp', lastMessageAt: 9 }));
    cache.conversations.upsert(sampleConversation({ id: 'line-1', channel: 'line', lastMessageAt: 8 }));
    cache.conversations.upsert(sampleConversation({ id: 'wa-2', channel: 'whatsapp', lastMessageAt: 7, status: 'resolved' }));
    cache.conversations.upsert(sampleConversation({ id: 'web-1', channel: 'webchat', lastMessageAt: 6 }));
    const ids = (query: { status?: 'all' | 'resolved'; channel?: string | null; after?: Parameters<typeof cache.conversations.page>[0]['after']; limit?: number }) =>
      cache.conversations.page({ status: query.status ?? 'all', channel: query.channel, after: query.after ?? null, limit: query.limit ?? 10 });
    expect(ids({ channel: 'whatsapp' }).items.map((c) => c.id)).toEqual(['wa-1', 'wa-2']);
    expect(ids({ channel: 'whatsapp', status: 'resolved' }).items.map((c) => c.id)).toEqual(['wa-2']);
    expect(ids({ channel: 'telegram' }).items).toEqual([]);
    expect(ids({ channel: null }).items).toHaveLength(4);
    const first = ids({ channel: 'whatsapp', limit: 1 });
    expect(ids({ channel: 'whatsapp', after: first.next, limit: 1 }).items.map((c) => c.id)).toEqual(['wa-2']);
  });

  it('shows a status change waiting in the outbox over the relay row, until it leaves the outbox', () => {
    cache.conversations.upsert(sampleConversation({ status: 'open' }));
    const change = cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'resolved' }, 1);
    cache.conversations.upsert(sampleConversation({ status: 'pending' }));
    expect(cache.conversations.get('conv-1')?.status).toBe('resolved');
    expect(cache.conversations.page({ status: 'resolved', after: null, limit: 10 }).items).toHaveLength(1);
    cache.outbox.deleteThrough(change.mutationId);
    expect(cache.conversations.get('conv-1')?.status).toBe('pending');
  });

  it('moves a conversation up for a local reply', () => {
    cache.conversations.upsert(sampleConversation({ lastMessageAt: 50 }));
    cache.conversations.upsert(sampleConversation({ id: 'other', lastMessageAt: 60 }));
    cache.conversations.noteLocalMessage('conv-1', 70, 'my reply', 71);
    expect(cache.conversations.get('conv-1')).toMatchObject({ lastMessageAt: 70, lastMessagePreview: 'my reply', updatedAt: 71 });
    expect(cache.conversations.page({ status: 'all', after: null, limit: 1 }).items[0]?.id).toBe('conv-1');
  });

  it('shows a claim and labels waiting in the outbox over the relay row, until they leave it', () => {
    cache.session.saveSignIn({ token: 't', expiresAt: 9_999, agent: sampleAgent({ id: 'agent-mei' }) });
    cache.conversations.upsert(sampleConversation({ assigneeId: null, labels: ['billing'] }));
    cache.outbox.enqueue({ kind: 'conversation.claim', conversationId: 'conv-1' }, 1);
    const labels = cache.outbox.enqueue({ kind: 'conversation.setLabels', conversationId: 'conv-1', labels: ['refund', 'vip'] }, 2);
    expect(cache.conversations.get('conv-1')).toMatchObject({ assigneeId: 'agent-mei', labels: ['refund', 'vip'] });
    expect(cache.conversations.storedAssignee('conv-1')).toBeNull();
    expect(cache.conversations.page({ status: 'all', label: 'refund', after: null, limit: 10 }).items.map((c) => c.id)).toEqual(['conv-1']);
    expect(cache.conversations.page({ status: 'all', label: 'billing', after: null, limit: 10 }).items).toEqual([]);
    cache.outbox.deleteThrough(labels.mutationId);
    expect(cache.conversations.all()).toEqual([sampleConversation({ assigneeId: null, labels: ['billing'] })]);
  });

  it('carries what the customer’s messages add up to, and puts the upset first', () => {
    cache.conversations.upsert(sampleConversation({ id: 'calm', lastMessageAt: 9 }));
    cache.conversations.upsert(sampleConversation({ id: 'upset', lastMessageAt: 1 }));
    const insight = { intent: 'refund', intentLabel: 'Refund', sentiment: 'negative' as const, priority: 2, language: 'th' };
    cache.insights.saveConversation('upset', insight, 5);
    expect(cache.conversations.getShown('upset')).toEqual({ ...sampleConversation({ id: 'upset', lastMessageAt: 1 }), insight });
    expect(cache.conversations.getShown('calm')?.insight).toBeNull();
    const page = cache.conversations.page({ status: 'all', after: null, limit: 1 });
    expect(page).toEqual({ items: [expect.objectContaining({ id: 'upset' })], next: { priority: 2, lastMessageAt: 1, id: 'upset' } });
    expect(cache.conversations.page({ status: 'all', after: page.next, limit: 1 }).items.map((c) => c.id)).toEqual(['calm']);
  });
});

describe('shown_conversations', () => {
  it('shows a column added to conversations later without being restated', () => {
    const addChannelAccount: Migration = {
      version: CACHE_MIGRATIONS.length + 1,
      name: 'test-only-add-channel-account',
      up: (db) => db.exec("ALTER TABLE conversations ADD COLUMN channel_account TEXT NOT NULL DEFAULT 'line-jp'"),
    };
    const db = new Database(':memory:');
    try {
      migrate(db, CACHE_MIGRATIONS);
      const store = new ConversationStore(db);
      store.upsert(sampleConversation({ status: 'open' }));
      migrate(db, [...CACHE_MIGRATIONS, addChannelAccount]);
      db.prepare("INSERT INTO outbox (kind, conversation_id, body, created_at) VALUES ('conversation.setStatus', 'conv-1', '{\"status\":\"resolved\"}', 1)").run();
      expect(db.prepare('SELECT channel_account, status, shown_status FROM shown_conversations').all()).toEqual([
        { channel_account: 'line-jp', status: 'open', shown_status: 'resolved' },
      ]);
      expect(store.get('conv-1')).toEqual(sampleConversation({ status: 'resolved' }));
    } finally {
      db.close();
    }
  });
});
