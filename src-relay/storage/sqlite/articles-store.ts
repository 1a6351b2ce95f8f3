import type Database from 'better-sqlite3';
import { Article } from '../../../src-shared/domain/model.js';
import type { ArticlesRepository } from '../port/articles.js';
import type { Synchronous } from './synchronous.js';

/** Knowledge-base articles: the current version for clients, every version kept for history. */
export function createArticlesStore(db: Database.Database): Synchronous<ArticlesRepository> {
  const sql = {
    find: db.prepare<[string], { tenant_id: string; data: string }>('SELECT tenant_id, data FROM articles WHERE id = ?'),
    list: db.prepare<[string], { data: string }>('SELECT data FROM articles WHERE tenant_id = ? ORDER BY id'),
    upsert: db.prepare(`
      INSERT INTO articles (id, tenant_id, version, data, updated_at) VALUES (@id, @tenantId, @version, @data, @updatedAt)
      ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at`),
    insertVersion: db.prepare(
      'INSERT INTO article_versions (article_id, version, tenant_id, data, edited_by) VALUES (@id, @version, @tenantId, @data, @editedBy)',
    ),
  };
  return {
    /** With the tenant it belongs to, so a client of another tenant learns nothing. */
    find(id: string): { tenantId: string; article: Article } | null {
      const row = sql.find.get(id);
      return row ? { tenantId: row.tenant_id, article: Article.parse(JSON.parse(row.data)) } : null;
    },
    list(tenantId: string): Article[] {
      return sql.list.all(tenantId).map((row) => Article.parse(JSON.parse(row.data)));
    },
    save(tenantId: string, article: Article, editedBy: string): void {
      const data = JSON.stringify(article);
      sql.upsert.run({ id: article.id, tenantId, version: article.version, data, updatedAt: article.updatedAt });
      sql.insertVersion.run({ id: article.id, version: article.version, tenantId, data, editedBy });
    },
  };
}
