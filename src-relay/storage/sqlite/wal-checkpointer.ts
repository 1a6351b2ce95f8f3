import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Checkpoints the relay's WAL on a thread of its own, so that the event loop never waits on it.
 *
 * Why: SQLite checkpoints in the COMMIT that takes the WAL past 1,000 pages, and better-sqlite3
 * runs COMMIT on the event loop: copying the pages into the database and its two disk flushes held
 * the relay (no webhook read, no answer sent) for tens of milliseconds every few groups, about
 * 0.3 ms per webhook from new customers, whose commits touch the most pages (docs/channels.md,
 * "Throughput"). The relay's connection now never checkpoints by itself; this one does, on a
 * second connection in a worker thread, while the relay's connection is held for it
 * (connection-turns.ts): with no write under way the checkpoint copies every frame, and the next
 * write starts the WAL over, as after SQLite's own checkpoint. Its connection flushes as SQLite
 * always does in a checkpoint (the WAL before, the database after), so nothing committed is less
 * durable. Should the worker fail, the relay's connection checkpoints by itself again.
 */
export class WalCheckpointer {
  private running: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly worker: Worker,
  ) {}

  /** A checkpointer for a connection whose WAL the relay flushes itself (wal-flusher.ts); the connection stops checkpointing by itself. */
  static start(db: Database.Database): WalCheckpointer {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: db.name } });
    // The relay's event loop may end while the worker waits for work: it must not keep the process up.
    worker.unref();
    db.pragma('wal_autocheckpoint = 0');
    return new WalCheckpointer(db, worker);
  }

  /**
   * Copies the WAL's frames into the database. Call while no write runs on the relay's connection
   * (its turn held): the copy is then complete. Never rejects: a failure hands checkpoints back to SQLite.
   */
  checkpoint(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.running ??= this.ask({ type: 'checkpoint' })
      .catch((error: unknown) => this.giveBack(error))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Closes the worker's connection (the relay's, closed last, then checkpoints and removes the WAL as usual). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.running;
    this.closed = true;
    await this.ask({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private giveBack(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    console.error(`The relay's WAL checkpoints run on its event loop again: ${error instanceof Error ? error.message : String(error)}`);
    void this.worker.terminate();
  }

  private ask(message: { type: 'checkpoint' | 'close' }): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (answer: { ok: boolean; error?: string }) => {
        this.worker.off('error', onError);
        if (answer.ok) resolve();
        else reject(new Error(answer.error));
      };
      const onError = (error: Error) => {
        this.worker.off('message', onMessage);
        reject(error);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(message);
    });
  }
}

/**
 * The worker: plain CommonJS run from this string, so that it needs no TypeScript loader and no
 * file of its own in a build. synchronous=FULL: the checkpoint flushes the WAL and the database.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db = null;
parentPort.on('message', (message) => {
  try {
    if (message.type === 'close') {
      if (db) db.close();
      db = null;
    } else {
      if (!db) {
        const Database = require(workerData.driver);
        db = new Database(workerData.path, { fileMustExist: true });
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = FULL');
        db.pragma('wal_autocheckpoint = 0');
      }
      // Busy (another connection checkpointing) or not complete: the next one goes on from there.
      db.pragma('wal_checkpoint(PASSIVE)');
    }
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
`;
