import { expect } from 'vitest';
import { createCacheTables } from '../0001-create-cache-tables.js';
import { addMessageSearch } from '../0002-add-message-search.js';
import { addNotesClaimsNoticesResync } from '../0003-add-notes-claims-notices-resync.js';
import { deferMessageIndexing } from '../0004-defer-message-indexing.js';
import { addTranslationsAndInsights } from '../0005-add-translations-and-insights.js';
import { addRegionalNoteDismissals } from '../0006-add-regional-note-dismissals.js';
import { column, enqueue, found, insertConversation, insertMessage, rows, signIn, type CacheCase } from './cache-rows.js';

/** The cache's first six migrations: the tables, search, notes and claims, deferred indexing, insights, labels. */
export const CASES_0001_0006: CacheCase[] = [
  {
    migration: createCacheTables,
    schema: {
      created: [
        'index conversations_by_last_message ON conversations (last_message_at DESC, id DESC)',
        'index messages_by_conversation ON messages (conversation_id, created_at, local_seq)',
        'index outbox_by_conversation ON outbox (conversation_id, kind)',
        'table conversations(id TEXT PK NOT NULL, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL, channel TEXT NOT NULL, team_id TEXT NOT NULL, assignee_id TEXT, status TEXT NOT NULL, language TEXT NOT NULL, market TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_message_at INTEGER NOT NULL, last_message_preview TEXT NOT NULL) STRICT',
        'table messages(local_seq INTEGER PK, id TEXT NOT NULL, conversation_id TEXT NOT NULL, author TEXT NOT NULL, author_id TEXT, author_name TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL, delivery TEXT NOT NULL, delivery_error TEXT) STRICT',
        'table outbox(mutation_id INTEGER PK, kind TEXT NOT NULL, conversation_id TEXT, body TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT',
        "table session(singleton INTEGER PK, client_id TEXT NOT NULL, cursor INTEGER NOT NULL DEFAULT 0, token TEXT, token_expires_at INTEGER, agent_json TEXT, presence TEXT NOT NULL DEFAULT 'available') STRICT",
        'view shown_conversations(id, customer_id, customer_name, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview)',
      ],
    },
    after(db) {
      // One client id for the installation, at cursor 0, signed out.
      expect(rows(db, 'SELECT client_id, cursor, token, agent_json, presence FROM session')).toEqual([
        { client_id: expect.stringMatching(/^[0-9a-f-]{36}$/), cursor: 0, token: null, agent_json: null, presence: 'available' },
      ]);
      expect(() => db.prepare("INSERT INTO session (singleton, client_id) VALUES (2, 'x')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO messages (id, conversation_id, author, author_name, body, created_at, delivery) VALUES ('m', 'c', 'agent', 'A', 'b', 1, 'lost')").run()).toThrow(/CHECK/);
      // Mutation ids keep rising after every row was acknowledged and deleted.
      enqueue(db, 'presence.set', 'c1');
      enqueue(db, 'presence.set', 'c1');
      db.exec('DELETE FROM outbox');
      enqueue(db, 'conversation.setStatus', 'c1', { status: 'resolved' });
      expect(column(db, 'SELECT mutation_id FROM outbox')).toEqual([3]);
      // The newest status change waiting in the outbox is shown over the relay's row.
      insertConversation(db, 'c1', { status: 'open' });
      enqueue(db, 'conversation.setStatus', 'c1', { status: 'pending' });
      expect(column(db, "SELECT status FROM shown_conversations WHERE id = 'c1'")).toEqual(['pending']);
      db.exec('DELETE FROM outbox');
      expect(column(db, "SELECT status FROM shown_conversations WHERE id = 'c1'")).toEqual(['open']);
    },
  },
  {
    migration: addMessageSearch,
    before(db) {
      insertMessage(db, 'm1', 'สินค้าถูกส่งไปผิดที่อยู่ค่ะ');
    },
    schema: {
      created: [
        'trigger messages_fts_after_delete ON messages',
        'trigger messages_fts_after_insert ON messages',
        'trigger messages_fts_after_update ON messages',
        "virtual table messages_fts USING fts5( body, content = 'messages', content_rowid = 'local_seq', tokenize = 'trigram remove_diacritics 1' )",
      ],
    },
    after(db) {
      expect(found(db, '"ที่อยู่"')).toEqual(['m1']);
      insertMessage(db, 'm2', '我的订单还没到');
      expect(found(db, '"订单还"')).toEqual(['m2']);
      db.exec("UPDATE messages SET body = 'Rechnung bitte' WHERE id = 'm2'");
      expect(found(db, '"订单还"')).toEqual([]);
      expect(found(db, '"rechnung"')).toEqual(['m2']);
      db.exec("DELETE FROM messages WHERE id = 'm2'");
      expect(found(db, '"rechnung"')).toEqual([]);
      insertMessage(db, 'm3', 'Quero fazer uma DEVOLUÇÃO');
      expect(found(db, '"devolucao"')).toEqual(['m3']);
    },
  },
  {
    migration: addNotesClaimsNoticesResync,
    before(db) {
      signIn(db, 'mei');
      insertConversation(db, 'c1', { assigneeId: null });
      insertConversation(db, 'c2', { assigneeId: 'bob' });
      insertMessage(db, 'm1', 'hello');
      enqueue(db, 'conversation.claim', 'c1');
      enqueue(db, 'conversation.claim', 'c2');
      enqueue(db, 'conversation.setStatus', 'c2', { status: 'pending' });
    },
    schema: {
      created: [
        'index notices_shown ON notices (dismissed, at DESC)',
        'table notices(id TEXT PK NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL, conversation_id TEXT NOT NULL, customer_name TEXT NOT NULL, other_agent_name TEXT, message_id TEXT, detail TEXT NOT NULL, dismissed INTEGER NOT NULL DEFAULT 0) STRICT',
        'table resync_seen(conversation_id TEXT PK NOT NULL) STRICT WITHOUT ROWID',
      ],
      altered: ['table messages + internal INTEGER NOT NULL DEFAULT 0', 'view shown_conversations'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, internal FROM messages')).toEqual([{ id: 'm1', internal: 0 }]);
      // A pending claim shows this agent on an unassigned conversation only; the relay's assignee stands.
      expect(rows(db, 'SELECT id, assignee_id, status FROM shown_conversations ORDER BY id')).toEqual([
        { id: 'c1', assignee_id: 'mei', status: 'open' },
        { id: 'c2', assignee_id: 'bob', status: 'pending' },
      ]);
      expect(() => db.exec("UPDATE messages SET internal = 2 WHERE id = 'm1'")).toThrow(/CHECK/);
      db.exec("INSERT INTO notices (id, at, kind, conversation_id, customer_name, detail) VALUES ('n1', 5, 'claim.lost', 'c1', 'Nok', 'Bob has it')");
      expect(column(db, 'SELECT dismissed FROM notices')).toEqual([0]);
      expect(() => db.exec("UPDATE notices SET dismissed = 2 WHERE id = 'n1'")).toThrow(/CHECK/);
      db.exec("INSERT INTO resync_seen VALUES ('c1')");
      expect(() => db.exec("INSERT INTO resync_seen VALUES ('c1')")).toThrow(/UNIQUE|PRIMARY/);
    },
  },
  {
    migration: deferMessageIndexing,
    before(db) {
      insertMessage(db, 'm1', 'devolução do pedido');
    },
    schema: {
      created: [
        'table search_backlog(local_seq INTEGER PK) STRICT',
        'trigger messages_search_after_delete ON messages',
        'trigger messages_search_after_insert ON messages',
        'trigger messages_search_after_update ON messages',
      ],
      dropped: ['trigger messages_fts_after_delete', 'trigger messages_fts_after_insert', 'trigger messages_fts_after_update'],
    },
    after(db) {
      // What a version-3 cache indexed as it wrote stays found, and the backlog starts empty.
      expect(column(db, 'SELECT local_seq FROM search_backlog')).toEqual([]);
      expect(found(db, '"devolucao"')).toEqual(['m1']);
      // A new message waits in the backlog instead of being indexed; it leaves the backlog with its row.
      const m2 = insertMessage(db, 'm2', 'Rechnung bitte');
      expect(column(db, 'SELECT local_seq FROM search_backlog')).toEqual([m2]);
      expect(found(db, '"rechnung"')).toEqual([]);
      db.exec("DELETE FROM messages WHERE id = 'm2'");
      expect(column(db, 'SELECT local_seq FROM search_backlog')).toEqual([]);
      // An indexed message is indexed again when its body changes, and leaves the index with its row.
      db.exec("UPDATE messages SET body = 'reembolso' WHERE id = 'm1'");
      expect([found(db, '"devolucao"'), found(db, '"reembolso"')]).toEqual([[], ['m1']]);
      db.exec("DELETE FROM messages WHERE id = 'm1'");
      expect(found(db, '"reembolso"')).toEqual([]);
    },
  },
  {
    migration: addTranslationsAndInsights,
    before(db) {
      insertConversation(db, 'c1');
      insertMessage(db, 'm1', 'Where is my parcel?');
      insertMessage(db, 'm2', 'It left today.', { author: 'agent' });
    },
    schema: {
      created: [
        'index message_insights_by_conversation ON message_insights(conversation_id, analysed_at)',
        'table conversation_insights(conversation_id TEXT PK NOT NULL, intent TEXT, intent_label TEXT, sentiment TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 0, language TEXT, updated_at INTEGER NOT NULL) STRICT',
        'table insight_backlog(message_id TEXT PK NOT NULL) STRICT WITHOUT ROWID',
        'table message_insights(message_id TEXT PK NOT NULL, conversation_id TEXT NOT NULL, language TEXT, intent TEXT, intent_score REAL, sentiment TEXT NOT NULL, sentiment_score REAL NOT NULL, method TEXT NOT NULL, analysed_at INTEGER NOT NULL) STRICT',
        'table translations(message_id TEXT PK NOT NULL, target_language TEXT PK NOT NULL, source_language TEXT NOT NULL, body TEXT NOT NULL, model TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT WITHOUT ROWID',
        'trigger conversations_ai_after_delete ON conversations',
        'trigger messages_ai_after_delete ON messages',
        'trigger messages_ai_after_update ON messages',
        'trigger messages_insight_after_insert ON messages',
      ],
      altered: ['table messages + original_body TEXT + original_language TEXT'],
    },
    after(db) {
      // The customer's messages already cached wait to be analysed; the agent's do not.
      expect(column(db, 'SELECT message_id FROM insight_backlog')).toEqual(['m1']);
      expect(rows(db, 'SELECT id, original_body, original_language FROM messages ORDER BY id')).toEqual([
        { id: 'm1', original_body: null, original_language: null },
        { id: 'm2', original_body: null, original_language: null },
      ]);
      insertMessage(db, 'm3', 'Hello?');
      insertMessage(db, 'm4', 'Hi!', { author: 'agent' });
      expect(column(db, 'SELECT message_id FROM insight_backlog ORDER BY message_id')).toEqual(['m1', 'm3']);
      // Everything about a message goes with it; a changed body loses its translations.
      db.exec(`INSERT INTO translations VALUES ('m1', 'zh', 'en', '我的包裹在哪里？', 'opus', 1), ('m3', 'zh', 'en', '你好？', 'opus', 1);
        INSERT INTO message_insights VALUES ('m3', 'c1', 'en', NULL, NULL, 'neutral', 0.5, 'rules', 1);
        INSERT INTO conversation_insights (conversation_id, sentiment, updated_at) VALUES ('c1', 'neutral', 1);`);
      db.exec("UPDATE messages SET body = 'Where is my order?' WHERE id = 'm1'");
      db.exec("DELETE FROM messages WHERE id = 'm3'");
      expect([column(db, 'SELECT message_id FROM translations'), column(db, 'SELECT message_id FROM message_insights')]).toEqual([[], []]);
      expect(column(db, 'SELECT message_id FROM insight_backlog')).toEqual(['m1']);
      expect(column(db, 'SELECT priority FROM conversation_insights')).toEqual([0]);
      db.exec("DELETE FROM conversations WHERE id = 'c1'");
      expect(column(db, 'SELECT conversation_id FROM conversation_insights')).toEqual([]);
    },
  },
  {
    migration: addRegionalNoteDismissals,
    before(db) {
      insertConversation(db, 'c1');
      insertConversation(db, 'c2');
      enqueue(db, 'conversation.setLabels', 'c1', { labels: ['refund'] });
      db.exec("INSERT INTO conversation_insights VALUES ('c2', 'refund', 'Refund', 'negative', 2, 'th', 1)");
    },
    schema: {
      created: [
        'table dismissed_regional_notes(conversation_id TEXT PK NOT NULL, note_id TEXT PK NOT NULL, dismissed_at INTEGER NOT NULL) STRICT WITHOUT ROWID',
        'trigger conversations_dismissed_notes_after_delete ON conversations',
      ],
      altered: [
        "table conversations + labels TEXT NOT NULL DEFAULT '[]'",
        'view shown_conversations + labels + intent + intent_label + sentiment + priority + written_language',
      ],
    },
    after(db) {
      expect(column(db, 'SELECT labels FROM conversations ORDER BY id')).toEqual(['[]', '[]']);
      // Labels waiting in the outbox show at once; insights join in, with priority 0 where there are none.
      expect(rows(db, 'SELECT id, labels, intent, intent_label, sentiment, priority, written_language FROM shown_conversations ORDER BY id')).toEqual([
        { id: 'c1', labels: '["refund"]', intent: null, intent_label: null, sentiment: null, priority: 0, written_language: null },
        { id: 'c2', labels: '[]', intent: 'refund', intent_label: 'Refund', sentiment: 'negative', priority: 2, written_language: 'th' },
      ]);
      db.exec("INSERT INTO dismissed_regional_notes VALUES ('c1', 'th-holiday', 5), ('c2', 'th-holiday', 5)");
      db.exec("DELETE FROM conversations WHERE id = 'c1'");
      expect(column(db, 'SELECT conversation_id FROM dismissed_regional_notes')).toEqual(['c2']);
    },
  },
];
