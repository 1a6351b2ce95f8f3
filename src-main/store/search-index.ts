import type Database from 'better-sqlite3';

/**
 * The full-text index over message bodies, filled behind the writes (migration 0004): new rows
 * wait in `search_backlog` until `indexBatch` moves them into the index, when the core is idle.
 */
export class SearchIndex {
  private readonly selectBatch: Database.Statement<[number], number>;
  private readonly indexRow: Database.Statement<[number]>;
  private readonly unlistRow: Database.Statement<[number]>;
  private readonly countBacklog: Database.Statement<[], number>;

  constructor(private readonly db: Database.Database) {
    this.selectBatch = db.prepare<[number], number>('SELECT local_seq FROM search_backlog ORDER BY local_seq LIMIT ?').pluck();
    this.indexRow = db.prepare('INSERT INTO messages_fts (rowid, body) SELECT local_seq, body FROM messages WHERE local_seq = ?');
    this.unlistRow = db.prepare('DELETE FROM search_backlog WHERE local_seq = ?');
    this.countBacklog = db.prepare<[], number>('SELECT COUNT(*) FROM search_backlog').pluck();
  }

  backlog(): number {
    return this.countBacklog.get() ?? 0;
  }

  /** Moves up to `limit` rows from the backlog into the index, in one transaction; returns how many. */
  indexBatch(limit: number): number {
    return this.db.transaction(() => {
      const rows = this.selectBatch.all(limit);
      for (const localSeq of rows) {
        this.indexRow.run(localSeq);
        this.unlistRow.run(localSeq);
      }
      return rows.length;
    })();
  }
}
