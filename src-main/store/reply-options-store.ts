import type Database from 'better-sqlite3';
import { ReplyOptions } from '../../src-shared/protocol/channels/templates.js';

/** Reply options as the relay last told them for one conversation, and when. */
export interface KeptReplyOptions {
  options: ReplyOptions;
  fetchedAt: number;
}

/**
 * Each conversation's reply options as last fetched from the relay (its window and the account's
 * approved templates), so that offline the composer can still offer those templates.
 */
export class ReplyOptionsStore {
  private readonly select: Database.Statement<[string], { options: string; fetched_at: number }>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly deleteRows: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT options, fetched_at FROM reply_options WHERE conversation_id = ?');
    this.upsert = db.prepare(
      'INSERT INTO reply_options (conversation_id, options, fetched_at) VALUES (?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET options = excluded.options, fetched_at = excluded.fetched_at',
    );
    this.deleteRows = db.prepare('DELETE FROM reply_options');
  }

  save(conversationId: string, options: ReplyOptions, fetchedAt: number): void {
    this.upsert.run(conversationId, JSON.stringify(options), fetchedAt);
  }

  /** Null when never fetched, or kept by a release whose shape this one cannot read (it is fetched again online). */
  get(conversationId: string): KeptReplyOptions | null {
    const row = this.select.get(conversationId);
    if (!row) return null;
    let stored: unknown;
    try {
      stored = JSON.parse(row.options);
    } catch {
      return null;
    }
    const parsed = ReplyOptions.safeParse(stored);
    return parsed.success ? { options: parsed.data, fetchedAt: row.fetched_at } : null;
  }

  deleteAll(): void {
    this.deleteRows.run();
  }
}
