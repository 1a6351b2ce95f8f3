import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../src-main/store/cache.js';
import { sha256 } from '../../src-main/store/file-copies.js';
import { sampleConversation, sampleMessage, signInSample } from '../../src-main/store/testing/records.js';
import { fileTraces, sqliteTables, sqliteTraces, type Needles } from './support/trace-search.js';

const NOK = { name: 'Nok Srisuk', phone: '+66812345678', email: 'nok.srisuk@example.th', phrase: 'หมายเลขพัสดุของฉันหาย', translated: 'my parcel number is lost' };

/**
 * Every table of a desk cache that holds something of one conversation, filled through its stores
 * as the desk fills them (messages and their search index, translations, insights, the outbox,
 * notices, reply options, a call's wrap-up, the customer's profile, a file copy), then the
 * conversation erased: nothing of it is left in any table or file. The end-to-end proof
 * (erasure-search.test.ts) covers a desk that synced a real relay; this one reaches the tables a
 * sync alone does not fill (translations, insights, a pending wrap-up, the outbox).
 */
describe('a desk cache after erasure', () => {
  let dir: string;
  let cache: Cache;
  const file = Buffer.from(`%PDF-1.4 passport of ${NOK.name}`);
  const needles: Needles = { words: Object.values(NOK), files: [file] };
  const dbPath = () => path.join(dir, 'desk.sqlite');

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'desk-erasure-'));
    cache = signInSample(Cache.open(dbPath(), { filesDir: path.join(dir, 'files') }));
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function fill(): void {
    const fileId = sha256(file);
    cache.files.keep(fileId, file);
    cache.conversations.upsert(sampleConversation({ id: 'c-nok', customerId: 'nok', customerName: NOK.name, lastMessagePreview: NOK.phrase }));
    cache.conversations.upsert(sampleConversation({ id: 'c-other', customerId: 'other', customerName: 'Somebody Else' }));
    cache.customers.upsert({ id: 'nok', name: NOK.name, language: 'th-TH', market: 'TH', vip: false, identities: [{ kind: 'phone', value: NOK.phone, verified: true }, { kind: 'email', value: NOK.email, verified: false }], suggestions: [], merges: [] });
    const attachment = { fileId, name: 'passport.pdf', mediaType: 'application/pdf', size: file.length, kind: 'document' as const };
    cache.messages.upsertSent(sampleMessage({ id: 'm-nok', conversationId: 'c-nok', body: `${NOK.phrase} ${NOK.phone}`, attachments: [attachment] }));
    cache.messages.insertPending(sampleMessage({ id: 'm-reply', conversationId: 'c-nok', author: 'agent', body: `Dear ${NOK.name}` }));
    cache.outbox.enqueue({ kind: 'reply.send', conversationId: 'c-nok', messageId: 'm-reply', body: `Dear ${NOK.name}` }, 1);
    cache.searchIndex.indexBatch(100);
    cache.insights.saveTranslation('m-nok', { body: NOK.translated, from: 'th', to: 'en', model: 'opus-mt-th-en' }, 2);
    cache.insights.save({ messageId: 'm-nok', conversationId: 'c-nok', language: 'th', intent: 'delivery', intentScore: 0.9, sentiment: 'negative', sentimentScore: 0.8, method: 'test' }, 3);
    cache.insights.saveConversation('c-nok', { intent: 'delivery', intentLabel: 'Delivery', sentiment: 'negative', priority: 1, language: 'th' }, 3);
    cache.insights.dismissNote('c-nok', 'note-1', 4);
    cache.notices.add({ at: 5, kind: 'mentioned', conversationId: 'c-nok', customerName: NOK.name, otherAgentName: 'Mei', messageId: 'm-nok', detail: NOK.phrase });
    cache.replyOptions.save('c-nok', { channel: 'whatsapp', window: 'open', windowEndsAt: 10, templatesSupported: true, templates: [], fallbackLanguage: 'th' }, 6);
    const call = { provider: 'twilio' as const, direction: 'inbound' as const, remote: NOK.phone, address: NOK.phone, startedAt: 1, answeredAt: 2, endedAt: 3, end: 'remote-hangup' as const, wrapUpCode: null };
    cache.pendingWrapUps.add('agent-mei', { id: 'w-nok', conversationId: 'c-nok', call }, 7);
  }

  it('finds her in every kind of table before, and nowhere after', () => {
    fill();
    const before = [...sqliteTraces(dbPath(), needles), ...fileTraces(path.join(dir, 'files'), needles)];
    const tables = new Set(before.map((trace) => trace.where.split('.')[0]));
    for (const table of ['conversations', 'customers', 'messages', 'outbox', 'translations', 'notices', 'pending_wrap_ups']) expect(tables, table).toContain(table);
    expect(before.some((trace) => trace.needle === 'file #1')).toBe(true);
    expect(sqliteTables(dbPath())).toContain('messages_grams_data');

    expect(cache.eraseConversation('c-nok')).toBe(true);

    expect(sqliteTraces(dbPath(), needles)).toEqual([]);
    expect(fileTraces(path.join(dir, 'files'), needles)).toEqual([]);
    // Nothing keyed by the conversation's id either; the other conversation is untouched.
    expect(sqliteTraces(dbPath(), { words: ['c-nok', 'm-nok', 'w-nok'], files: [] }).map((t) => t.where)).toEqual([]);
    expect(cache.conversations.get('c-other')).toBeDefined();
  });
});
