import { expect } from 'vitest';
import { addArticleTitles } from '../0028-add-article-titles.js';
import { column, rows, type CacheCase } from './cache-rows.js';

/** Articles cached before titles in other languages: their tags become searchable labels, and the index is made again over three columns. */
export const CASES_ARTICLE_TITLES: CacheCase[] = [
  {
    migration: addArticleTitles,
    before(db) {
      db.prepare(
        `INSERT INTO articles (id, version, title, body, locale, markets, tags, intents, updated_at, updated_by_name)
         VALUES ('a1', 1, 'Changing a delivery address', 'Before it ships.', 'en', '[]', '["delivery","addresses"]', '[]', 1, 'Sam'),
                ('a2', 1, 'Invoices', 'VAT numbers.', 'en', '[]', '[]', '[]', 1, 'Sam')`,
      ).run();
    },
    schema: {
      altered: [
        "table articles + titles TEXT NOT NULL DEFAULT '[]' + labels TEXT NOT NULL DEFAULT ''",
        'trigger articles_fts_after_delete',
        'trigger articles_fts_after_insert',
        'trigger articles_fts_after_update',
        'virtual table articles_fts',
      ],
    },
    after(db) {
      expect(rows(db, 'SELECT id, titles, labels FROM articles ORDER BY id')).toEqual([
        { id: 'a1', titles: '[]', labels: 'delivery\naddresses' },
        { id: 'a2', titles: '[]', labels: '' },
      ]);
      const found = (query: string) => column(db, 'SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY a.id', query);
      // Rows from before are in the new index, tags included; writes keep it current.
      expect([found('"addresses"'), found('"ships"'), found('"invoices"')]).toEqual([['a1'], ['a1'], ['a2']]);
      db.exec(`UPDATE articles SET labels = 'ที่อยู่จัดส่ง' WHERE id = 'a2'`);
      expect([found('"ที่อยู่"'), found('"addresses"')]).toEqual([['a2'], ['a1']]);
      db.exec(`DELETE FROM articles WHERE id = 'a1'`);
      expect(found('"addresses"')).toEqual([]);
    },
  },
];
