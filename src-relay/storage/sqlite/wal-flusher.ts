import { closeSync, existsSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { promisify } from 'node:util';

const fdatasyncAsync = promisify(fdatasync);

/** Flushes a file to disk off the event loop (fdatasync on libuv's thread pool). */
export type SyncFile = (fd: number) => Promise<void>;

/**
 * A flusher for the connection's WAL; null where SQLite must go on flushing in COMMIT itself: no
 * WAL (an in-memory database), or a connection not set to flush every commit.
 */
export function walFlusherFor(db: Database.Database): WalFlusher | null {
  if (db.memory) return null;
  const mode = db.pragma('journal_mode', { simple: true });
  const level = db.pragma('synchronous', { simple: true });
  if (mode !== 'wal' || typeof level !== 'number' || level < SYNCHRONOUS_FULL) return null;
  return new WalFlusher(`${db.name}-wal`, level);
}

const SYNCHRONOUS_FULL = 2;

/**
 * Makes what the relay committed to its WAL file durable, off the event loop.
 *
 * Why: with synchronous=FULL, SQLite flushes the WAL inside every COMMIT, and better-sqlite3
 * runs COMMIT on the event loop, so the relay did nothing else for the few milliseconds a disk
 * takes to flush (most of a group's time under load). A group is committed with
 * synchronous=NORMAL instead (SQLite writes the WAL without flushing it) and the WAL is flushed
 * here, on the thread pool, while the next group already runs. Nobody is told of a commit before
 * its flush is done (connection-turns.ts), so a commit once answered survives a power cut just as
 * with FULL: SQLite's recovery keeps every transaction whose frames are in the WAL on disk.
 *
 * Flushes do not queue up one per commit: those asked for while one runs share the next.
 */
export class WalFlusher {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private next: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | null = null;
  /** Set once a flush failed: what was written may be lost, so nothing more may be said durable. */
  private failure: Error | null = null;

  constructor(
    private readonly walPath: string,
    /** The connection's own synchronous level (FULL or EXTRA), set again after each group. */
    readonly level: number,
    private readonly syncFile: SyncFile = fdatasyncAsync,
  ) {}

  /** Resolves once everything written to the WAL before this call is on disk; rejects if that cannot be known. */
  flush(): Promise<void> {
    if (!this.running) return this.start();
    if (!this.next) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((ok, fail) => ([resolve, reject] = [ok, fail]));
      // Nobody may be waiting any more when it fails: not an unhandled rejection.
      promise.catch(() => undefined);
      this.next = { promise, resolve, reject };
    }
    return this.next.promise;
  }

  /** The failure that stopped flushes, if one did. */
  broken(): Error | null {
    return this.failure;
  }

  /** Resolves once no flush runs or waits. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** A flush now; once it is over, the one asked for meanwhile, if any. */
  private start(): Promise<void> {
    const run = this.syncOnce();
    this.running = run;
    void run
      .catch(() => undefined)
      .then(() => {
        const waiting = this.next;
        this.next = null;
        this.running = null;
        if (waiting) this.start().then(waiting.resolve, waiting.reject);
      });
    return run;
  }

  private async syncOnce(): Promise<void> {
    if (this.failure) throw this.failure;
    try {
      const fd = this.walFd();
      if (fd !== null) await this.syncFile(fd);
    } catch (error) {
      // After a failed flush, Linux may have dropped the pages it could not write: a later flush
      // that succeeds proves nothing (PostgreSQL stops on this too).
      this.failure = new Error(`The relay database's write-ahead log could not be flushed to disk: ${error instanceof Error ? error.message : String(error)}`);
      throw this.failure;
    }
  }

  /**
   * The WAL, opened once: SQLite keeps the file while a connection is open (the relay's is, until
   * it closes this flusher), emptying it in place after a checkpoint. Opening it flushes its
   * directory entry too, as SQLite does for a new journal.
   */
  private walFd(): number | null {
    if (this.fd !== null) return this.fd;
    // No WAL yet: SQLite makes it before it writes the first commit there, so none is unflushed.
    if (!existsSync(this.walPath)) return null;
    this.fd = openSync(this.walPath, 'r');
    syncDirectory(path.dirname(this.walPath));
    return this.fd;
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
