import type { Article } from '../../../src-shared/domain/model.js';

/** Knowledge-base articles: the current version for clients, every version kept for history. */
export interface ArticlesRepository {
  /** With the tenant it belongs to, so a client of another tenant learns nothing. */
  find(id: string): Promise<{ tenantId: string; article: Article } | null>;
  /** In id order. */
  list(tenantId: string): Promise<Article[]>;
  /** Makes `article` the current version and keeps it among the versions. */
  save(tenantId: string, article: Article, editedBy: string): Promise<void>;
}
