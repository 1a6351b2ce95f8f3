import type Database from 'better-sqlite3';
import { unspacedGrams } from './search-grams.js';
import { ASSIGN_KEY_SQL } from './search-key.js';

/**
 * The full-text index over message bodies, filled behind the writes (migration 0004): new rows
 * wait in `search_backlog` until `indexBatch` gives them a search key (search-key.ts) and moves
 * them into the index, when the core is idle.
 */
export class SearchIndex {
  private readonly lastOfBatch: Database.Statement<[number], number | null>;
  private readonly listBatch: Database.Statement<[number], number>;
  private readonly assignKey: Database.Statement<[number]>;
  private readonly indexRows: Database.Statement<[number]>;
  private readonly indexGrams: Database.Statement<[number]>;
  private readonly unlistRows: Database.Statement<[number]>;
  private readonly countBacklog: Database.Statement<[], number>;
  private readonly listEveryRow: Database.Statement<[]>;
  private readonly emptyIndex: Database.Statement<[]>;
  private readonly dropKeys: Database.Statement<[]>;
  private readonly emptyGrams: Database.Statement<[]>;

  constructor(private readonly db: Database.Database) {
    this.lastOfBatch = db
      .prepare<[number], number | null>('SELECT MAX(local_seq) FROM (SELECT local_seq FROM search_backlog ORDER BY local_seq LIMIT ?)')
      .pluck();
    this.listBatch = db.prepare<[number], number>('SELECT local_seq FROM search_backlog WHERE local_seq <= ?').pluck();
    this.assignKey = db.prepare(ASSIGN_KEY_SQL);
    // One statement for the whole batch: FTS5 pays a fixed cost per statement, which made
    // row-by-row indexing three times slower and its pauses far longer. CROSS JOIN keeps the
    // backlog as the outer loop; otherwise SQLite walks every message up to the batch's end.
    // In key order: FTS5 writes out what it holds whenever a rowid comes lower than the one
    // before, and arrival order (the backlog's) made thousands of tiny segments: four times slower.
    this.indexRows = db.prepare(`
      INSERT INTO messages_fts (rowid, body)
      SELECT m.search_key, m.body FROM search_backlog b CROSS JOIN messages m ON m.local_seq = b.local_seq
       WHERE b.local_seq <= ? ORDER BY m.search_key`);
    db.function('unspaced_grams', { deterministic: true }, (body) => unspacedGrams(String(body)));
    this.indexGrams = db.prepare(`
      INSERT INTO messages_grams (rowid, grams)
      SELECT m.search_key, unspaced_grams(m.body) FROM search_backlog b CROSS JOIN messages m ON m.local_seq = b.local_seq
       WHERE b.local_seq <= ? AND unspaced_grams(m.body) IS NOT NULL ORDER BY m.search_key`);
    this.unlistRows = db.prepare('DELETE FROM search_backlog WHERE local_seq <= ?');
    this.countBacklog = db.prepare<[], number>('SELECT COUNT(*) FROM search_backlog').pluck();
    this.listEveryRow = db.prepare('INSERT OR IGNORE INTO search_backlog (local_seq) SELECT local_seq FROM messages');
    this.dropKeys = db.prepare('UPDATE messages SET search_key = NULL WHERE search_key IS NOT NULL');
    this.emptyIndex = db.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')");
    this.emptyGrams = db.prepare("INSERT INTO messages_grams (messages_grams) VALUES ('delete-all')");
  }

  backlog(): number {
    return this.countBacklog.get() ?? 0;
  }

  /** Moves the oldest `limit` rows of the backlog into the index, in one transaction; returns how many. */
  indexBatch(limit: number): number {
    return this.db.transaction(() => {
      const last = this.lastOfBatch.get(limit);
      if (last === null || last === undefined) return 0;
      // A statement per row: each key depends on the keys given before it in the same millisecond.
      for (const seq of this.listBatch.all(last)) this.assignKey.run(seq);
      this.indexRows.run(last);
      this.indexGrams.run(last);
      return this.unlistRows.run(last).changes;
    })();
  }

  /**
   * Empties the index and lists every message as waiting again, in the caller's transaction.
   * Before deleting every message: without a key the delete trigger skips the index for each row,
   * which took a second per 100,000 indexed messages.
   */
  forgetIndexed(): void {
    this.listEveryRow.run();
    this.dropKeys.run();
    this.emptyIndex.run();
    this.emptyGrams.run();
  }
}
