import { expect } from 'vitest';
import { addArticles } from '../0007-add-articles.js';
import { addArticleDrafts } from '../0008-add-article-drafts.js';
import { addColleagues } from '../0009-add-colleagues.js';
import { addPublicArticles } from '../0010-add-public-articles.js';
import { addUnspacedGrams } from '../0011-add-unspaced-grams.js';
import { addSlaAndVip } from '../0012-add-sla-and-vip.js';
import { column, enqueue, found, insertConversation, insertMessage, rows, type CacheCase } from './cache-rows.js';
import type Database from 'better-sqlite3';

function insertArticle(db: Database.Database, id: string, title: string): void {
  db.prepare(
    `INSERT INTO articles (id, version, title, body, locale, markets, tags, intents, updated_at, updated_by_name)
     VALUES (?, 1, ?, 'Body', 'th', '[]', '[]', '[]', 1, 'Sam')`,
  ).run(id, title);
}

const articlesFound = (db: Database.Database, query: string) =>
  column(db, 'SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY a.id', query);

/** The knowledge base, drafts, colleagues, public articles, unspaced search grams, SLA and VIP. */
export const CASES_0007_0012: CacheCase[] = [
  {
    migration: addArticles,
    schema: {
      created: [
        'table article_vectors(article_id TEXT PK NOT NULL, model TEXT PK NOT NULL, version INTEGER NOT NULL, vector BLOB NOT NULL) STRICT WITHOUT ROWID',
        'table articles(rowid INTEGER PK, id TEXT NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, locale TEXT NOT NULL, markets TEXT NOT NULL, tags TEXT NOT NULL, intents TEXT NOT NULL, updated_at INTEGER NOT NULL, updated_by_name TEXT NOT NULL) STRICT',
        'trigger articles_fts_after_delete ON articles',
        'trigger articles_fts_after_insert ON articles',
        'trigger articles_fts_after_update ON articles',
        'trigger articles_vectors_after_delete ON articles',
        "virtual table articles_fts USING fts5(title, body, content='articles', content_rowid='rowid', tokenize='trigram')",
      ],
    },
    after(db) {
      // Indexed as written: a substring of Thai, which has no spaces between words, is found.
      insertArticle(db, 'a1', 'การคืนสินค้า');
      expect(articlesFound(db, '"คืนสิน"')).toEqual(['a1']);
      db.exec("UPDATE articles SET title = 'Rückerstattung' WHERE id = 'a1'");
      expect([articlesFound(db, '"คืนสิน"'), articlesFound(db, '"erstattung"')]).toEqual([[], ['a1']]);
      db.exec("INSERT INTO article_vectors VALUES ('a1', 'minilm', 1, x'00')");
      db.exec("DELETE FROM articles WHERE id = 'a1'");
      expect([articlesFound(db, '"erstattung"'), column(db, 'SELECT article_id FROM article_vectors')]).toEqual([[], []]);
    },
  },
  {
    migration: addArticleDrafts,
    schema: {
      created: ['table article_drafts(article_id TEXT PK NOT NULL, base_version INTEGER NOT NULL, draft TEXT NOT NULL, state TEXT NOT NULL, reason TEXT, at INTEGER NOT NULL) STRICT WITHOUT ROWID'],
    },
    after(db) {
      db.exec(`INSERT INTO article_drafts VALUES ('a1', 3, '{}', 'refused', 'Sam saved version 4', 1)`);
      expect(rows(db, 'SELECT article_id, state, reason FROM article_drafts')).toEqual([{ article_id: 'a1', state: 'refused', reason: 'Sam saved version 4' }]);
      expect(() => db.exec(`INSERT INTO article_drafts VALUES ('a2', 1, '{}', 'lost', NULL, 1)`)).toThrow(/CHECK/);
    },
  },
  {
    migration: addColleagues,
    before(db) {
      db.exec("UPDATE session SET cursor = 41");
    },
    schema: { altered: ["table session + colleagues_json TEXT NOT NULL DEFAULT '[]'"] },
    after(db) {
      expect(rows(db, 'SELECT cursor, colleagues_json FROM session')).toEqual([{ cursor: 41, colleagues_json: '[]' }]);
    },
  },
  {
    migration: addPublicArticles,
    before(db) {
      insertArticle(db, 'a1', 'Returns');
    },
    schema: { altered: ['table articles + public INTEGER NOT NULL DEFAULT 0'] },
    after(db) {
      expect(rows(db, 'SELECT id, title, public FROM articles')).toEqual([{ id: 'a1', title: 'Returns', public: 0 }]);
      expect(() => db.exec("UPDATE articles SET public = 2 WHERE id = 'a1'")).toThrow(/CHECK/);
    },
  },
  {
    migration: addUnspacedGrams,
    before(db) {
      insertConversation(db, 'c1');
      const indexed = insertMessage(db, 'm1', '返品したいです');
      insertMessage(db, 'm2', 'waiting to be indexed');
      // m1 as the idle indexer left it: in the trigram index, out of the backlog.
      db.prepare('INSERT INTO messages_fts (rowid, body) SELECT local_seq, body FROM messages WHERE local_seq = ?').run(indexed);
      db.prepare('DELETE FROM search_backlog WHERE local_seq = ?').run(indexed);
    },
    schema: {
      created: [`virtual table messages_grams USING fts5( grams, content = '', contentless_delete = 1, tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'" )`],
      altered: ['trigger messages_search_after_delete', 'trigger messages_search_after_update'],
    },
    after(db) {
      // What was indexed before goes back to the backlog, so its character pairs are made too.
      expect(found(db, '"返品し"')).toEqual([]);
      expect(column(db, 'SELECT m.id FROM search_backlog b JOIN messages m USING (local_seq) ORDER BY m.id')).toEqual(['m1', 'm2']);
      const grams = () => column(db, "SELECT rowid FROM messages_grams WHERE messages_grams MATCH '返品'");
      const seq = column(db, "SELECT local_seq FROM messages WHERE id = 'm1'")[0];
      // Indexed again (as the indexer does), then edited: out of both indexes, back in the backlog.
      db.prepare("INSERT INTO messages_fts (rowid, body) SELECT local_seq, body FROM messages WHERE id = 'm1'").run();
      db.prepare("INSERT INTO messages_grams (rowid, grams) VALUES (?, '返品 品し')").run(seq);
      db.prepare('DELETE FROM search_backlog WHERE local_seq = ?').run(seq);
      expect(grams()).toEqual([seq]);
      db.exec("UPDATE messages SET body = '交換したいです' WHERE id = 'm1'");
      expect([found(db, '"返品し"'), grams(), column(db, 'SELECT local_seq FROM search_backlog WHERE local_seq = ?', seq)]).toEqual([[], [], [seq]]);
      db.exec('DELETE FROM messages');
      expect(column(db, 'SELECT local_seq FROM search_backlog')).toEqual([]);
    },
  },
  {
    migration: addSlaAndVip,
    before(db) {
      insertConversation(db, 'c1');
      enqueue(db, 'conversation.setLabels', 'c1', { labels: ['vip'] });
    },
    schema: {
      altered: ['table conversations + sla TEXT + vip INTEGER NOT NULL DEFAULT 0', 'view shown_conversations + sla + vip'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, sla, vip FROM conversations')).toEqual([{ id: 'c1', sla: null, vip: 0 }]);
      db.exec(`UPDATE conversations SET sla = '{"policyId":"chat"}', vip = 1`);
      expect(rows(db, 'SELECT id, labels, sla, vip FROM shown_conversations')).toEqual([{ id: 'c1', labels: '["vip"]', sla: '{"policyId":"chat"}', vip: 1 }]);
      expect(() => db.exec('UPDATE conversations SET vip = 2')).toThrow(/CHECK/);
    },
  },
];
