import type Database from 'better-sqlite3';
import { ArticleDraft } from '../../src-shared/domain/model.js';

export type DraftState = 'pending' | 'refused' | 'unconfirmed';

export interface StoredDraft {
  articleId: string;
  baseVersion: number;
  draft: ArticleDraft;
  state: DraftState;
  reason: string | null;
  at: number;
}

interface DraftRow {
  article_id: string;
  base_version: number;
  draft: string;
  state: DraftState;
  reason: string | null;
  at: number;
}

/** Article edits not yet confirmed by the relay, or refused by it (migration 0008). */
export class ArticleDraftStore {
  constructor(private readonly db: Database.Database) {}

  save(articleId: string, baseVersion: number, draft: ArticleDraft, at: number): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO article_drafts (article_id, base_version, draft, state, reason, at)
         VALUES (?, ?, ?, 'pending', NULL, ?)`,
      )
      .run(articleId, baseVersion, JSON.stringify(draft), at);
  }

  get(articleId: string): StoredDraft | undefined {
    const row = this.db.prepare<[string], DraftRow>('SELECT * FROM article_drafts WHERE article_id = ?').get(articleId);
    return row && { articleId: row.article_id, baseVersion: row.base_version, draft: ArticleDraft.parse(JSON.parse(row.draft)), state: row.state, reason: row.reason, at: row.at };
  }

  mark(articleId: string, state: Exclude<DraftState, 'pending'>, reason: string): void {
    this.db.prepare('UPDATE article_drafts SET state = ?, reason = ? WHERE article_id = ?').run(state, reason, articleId);
  }

  /** The relay confirmed the edit: only a draft still pending goes (a refused one stays for its writer). */
  confirm(articleId: string): void {
    this.db.prepare("DELETE FROM article_drafts WHERE article_id = ? AND state = 'pending'").run(articleId);
  }

  discard(articleId: string): void {
    this.db.prepare('DELETE FROM article_drafts WHERE article_id = ?').run(articleId);
  }

  deleteAll(): void {
    this.db.prepare('DELETE FROM article_drafts').run();
  }
}
