import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../src-node/sqlite/migration.js';
import { createCacheTables } from './0001-create-cache-tables.js';
import { addMessageSearch } from './0002-add-message-search.js';

describe('0002-add-message-search', () => {
  let db: Database.Database;
  const insertMessage = (id: string, body: string) =>
    db
      .prepare("INSERT INTO messages (id, conversation_id, author, author_name, body, created_at, delivery) VALUES (?, 'c1', 'customer', 'Nok', ?, 1, 'sent')")
      .run(id, body);
  const matches = (query: string) =>
    db.prepare('SELECT m.id FROM messages_fts JOIN messages m ON m.local_seq = messages_fts.rowid WHERE messages_fts MATCH ? ORDER BY m.id').pluck().all(query);

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, [createCacheTables]);
  });
  afterEach(() => db.close());

  it('indexes the messages a version-1 cache already holds', () => {
    insertMessage('m1', 'สินค้าถูกส่งไปผิดที่อยู่ค่ะ');
    migrate(db, [createCacheTables, addMessageSearch]);
    expect(userVersion(db)).toBe(2);
    expect(matches('"ที่อยู่"')).toEqual(['m1']);
  });

  it('keeps the index in step with inserts, body updates and deletes', () => {
    migrate(db, [createCacheTables, addMessageSearch]);
    insertMessage('m1', '我的订单还没到');
    expect(matches('"订单还"')).toEqual(['m1']);
    db.prepare("UPDATE messages SET body = 'Rechnung bitte' WHERE id = 'm1'").run();
    expect(matches('"订单还"')).toEqual([]);
    expect(matches('"rechnung"')).toEqual(['m1']);
    db.prepare("DELETE FROM messages WHERE id = 'm1'").run();
    expect(matches('"rechnung"')).toEqual([]);
  });

  it('finds text regardless of case and diacritics', () => {
    migrate(db, [createCacheTables, addMessageSearch]);
    insertMessage('m1', 'Quero fazer uma DEVOLUÇÃO');
    expect(matches('"devolucao"')).toEqual(['m1']);
  });
});
