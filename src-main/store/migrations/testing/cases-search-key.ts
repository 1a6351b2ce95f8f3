import { expect } from 'vitest';
import { keySearchIndexByTime } from '../0029-key-search-index-by-time.js';
import { column, insertConversation, insertMessage, type CacheCase } from './cache-rows.js';

const keyed = (db: Parameters<NonNullable<CacheCase['after']>>[0], table: 'messages_fts' | 'messages_grams', query: string) =>
  column(db, `SELECT m.id FROM ${table} f JOIN messages m ON m.search_key = f.rowid WHERE ${table} MATCH ? ORDER BY m.id`, query);

/** The indexes keyed by time instead of arrival: everything is indexed again, and a change of time or body sends a message back. */
export const CASES_SEARCH_KEY: CacheCase[] = [
  {
    migration: keySearchIndexByTime,
    before(db) {
      insertConversation(db, 'c1');
      const indexed = insertMessage(db, 'm1', '返品したいです');
      insertMessage(db, 'm2', 'waiting to be indexed');
      db.prepare('INSERT INTO messages_fts (rowid, body) SELECT local_seq, body FROM messages WHERE local_seq = ?').run(indexed);
      db.prepare("INSERT INTO messages_grams (rowid, grams) VALUES (?, '返品 品し')").run(indexed);
      db.prepare('DELETE FROM search_backlog WHERE local_seq = ?').run(indexed);
    },
    schema: {
      created: ['index UNIQUE messages_by_search_key ON messages (search_key)'],
      altered: ['table messages + search_key INTEGER', 'trigger messages_search_after_delete', 'trigger messages_search_after_update', 'virtual table messages_fts', 'virtual table messages_grams'],
    },
    after(db) {
      expect(column(db, 'SELECT m.id FROM search_backlog b JOIN messages m USING (local_seq) ORDER BY m.id')).toEqual(['m1', 'm2']);
      expect(column(db, 'SELECT count(*) FROM messages WHERE search_key IS NOT NULL')).toEqual([0]);
      // Indexed as the indexer does it, under a key of its time.
      db.exec("UPDATE messages SET search_key = created_at * 1048576 WHERE id = 'm1'");
      db.exec("INSERT INTO messages_fts (rowid, body) SELECT search_key, body FROM messages WHERE id = 'm1'");
      db.exec("INSERT INTO messages_grams (rowid, grams) SELECT search_key, '返品 品し' FROM messages WHERE id = 'm1'");
      db.exec("DELETE FROM search_backlog WHERE local_seq = (SELECT local_seq FROM messages WHERE id = 'm1')");
      expect([keyed(db, 'messages_fts', '"したい"'), keyed(db, 'messages_grams', '"返品"'), keyed(db, 'messages_grams', '"品"*')]).toEqual([['m1'], ['m1'], ['m1']]);
      // A new time (the relay's copy of the message) takes it out of both indexes and back to the backlog, key dropped.
      db.exec("UPDATE messages SET created_at = 5 WHERE id = 'm1'");
      expect([keyed(db, 'messages_fts', '"したい"'), keyed(db, 'messages_grams', '"返品"')]).toEqual([[], []]);
      expect(column(db, "SELECT search_key FROM messages WHERE id = 'm1'")).toEqual([null]);
      expect(column(db, 'SELECT m.id FROM search_backlog b JOIN messages m USING (local_seq) ORDER BY m.id')).toEqual(['m1', 'm2']);
      // The same body and time again changes nothing.
      db.exec("UPDATE messages SET search_key = 7, body = body, created_at = created_at WHERE id = 'm2'");
      db.exec("DELETE FROM search_backlog WHERE local_seq = (SELECT local_seq FROM messages WHERE id = 'm2')");
      db.exec("UPDATE messages SET body = 'waiting to be indexed' WHERE id = 'm2'");
      expect(column(db, "SELECT search_key FROM messages WHERE id = 'm2'")).toEqual([7]);
      db.exec('DELETE FROM messages');
      expect(column(db, 'SELECT local_seq FROM search_backlog')).toEqual([]);
    },
  },
];
