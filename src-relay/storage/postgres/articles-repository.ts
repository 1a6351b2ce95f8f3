import { Article } from '../../../src-shared/domain/model.js';
import type { ArticlesRepository } from '../port/articles.js';
import { rowsOf, type Query } from './query.js';

/** Knowledge-base articles: the current version for clients, every version kept for history. */
export function articlesRepository(query: Query): ArticlesRepository {
  return {
    async find(id) {
      const [row] = await rowsOf<{ tenant_id: string; data: string }>(query, 'SELECT tenant_id, data FROM articles WHERE id = $1', [id]);
      return row ? { tenantId: row.tenant_id, article: Article.parse(JSON.parse(row.data)) } : null;
    },
    async list(tenantId) {
      const rows = await rowsOf<{ data: string }>(query, 'SELECT data FROM articles WHERE tenant_id = $1 ORDER BY id COLLATE "C"', [tenantId]);
      return rows.map((row) => Article.parse(JSON.parse(row.data)));
    },
    async save(tenantId, article, editedBy) {
      const data = JSON.stringify(article);
      await query(
        `INSERT INTO articles (id, tenant_id, version, data, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at`,
        [article.id, tenantId, article.version, data, article.updatedAt],
      );
      await query('INSERT INTO article_versions (article_id, version, tenant_id, data, edited_by) VALUES ($1, $2, $3, $4, $5)', [article.id, article.version, tenantId, data, editedBy]);
    },
  };
}
