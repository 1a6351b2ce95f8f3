import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { CommitLanes, runGroup, type Asked, type GroupSteps, type Turn } from '../commit-groups.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { walFlusherFor, type WalFlusher } from './wal-flusher.js';

/** What a transaction's work runs its statements through. */
type Inside = <R>(call: () => R) => Promise<R>;

const ONE_LANE = 'connection';

/**
 * SQLite has no PostgreSQL's limit on savepoints (commit-groups.ts), and a bigger group writes
 * the pages its transactions share (the log's, the messages') once: a backlog drains faster.
 * Bounded all the same, as a group holds the event loop while it runs.
 */
const SQLITE_MAX_GROUP = 128;

/**
 * How often the WAL is checkpointed at most while groups commit. Each checkpoint holds writes
 * back for its copy and flushes (not the event loop); SQLite's own, every 1,000 pages, came about
 * this often under the channels bench.
 */
const CHECKPOINT_EVERY_MS = 500;

/**
 * Turns on the one SQLite connection. better-sqlite3 answers synchronously, but a transaction's
 * work is async: while it awaits, other work could run statements on the same connection and
 * see (or join) its uncommitted writes. So a transaction holds the connection from BEGIN to
 * COMMIT, and every statement outside it waits its turn; with the connection free, a statement
 * runs at once.
 *
 * Work inside a transaction must use the transaction's repositories. A call to the top-level
 * storage from inside one would wait for the transaction it is part of, forever: it is refused
 * with an error instead, and so is a transaction opened inside another.
 */
export class ConnectionTurns {
  constructor(
    private readonly db: Database.Database,
    /** Null when SQLite flushes in COMMIT itself (no WAL, or a connection not set to FULL). */
    private readonly flusher: WalFlusher | null = walFlusherFor(db),
    /** With a flusher, the WAL is checkpointed off the event loop too (wal-checkpointer.ts). */
    private readonly checkpointer: WalCheckpointer | null = flusher ? WalCheckpointer.start(db) : null,
  ) {}

  /** A checkpoint asked for, waiting for its time or its turn. */
  private checkpointDue: NodeJS.Timeout | null = null;
  /** The first checkpoint comes CHECKPOINT_EVERY_MS after the connection opens, not with its first group. */
  private lastCheckpointAt = Date.now();

  private held = false;
  private readonly waiting: (() => void)[] = [];
  private readonly current = new AsyncLocalStorage<Turn>();
  /** Until the last group's flush is done: what was committed may not be on disk yet. */
  private unflushed: Promise<void> | null = null;
  /** Groups committed whose callers have not been told yet. */
  private readonly telling = new Set<Promise<void>>();

  /**
   * A statement outside any transaction, in its turn. Its answer waits until what it may have read
   * is on disk, unless it is `early`: a read whose answer only decides what a transaction then
   * writes, whose callers that transaction's own flush holds back.
   */
  statement<T>(call: () => T, early = false): Promise<T> {
    const refusal = this.refusalInside('the top-level storage was called');
    if (refusal) return Promise.reject(refusal);
    const answer = (): Promise<T> => (early ? settle(call) : this.onceFlushed(settle(call)));
    if (!this.held) return answer();
    return this.take().then(() => {
      try {
        return answer();
      } finally {
        this.release();
      }
    });
  }

  /**
   * `work` in a transaction, holding the connection. Transactions asked for while the connection
   * is held run together in one BEGIN ... COMMIT, each in a savepoint (../commit-groups.ts): one
   * disk flush for the group instead of one each. With a WAL flusher, the connection is free again
   * once the group is committed, and the group's callers are told once its flush is done.
   */
  transaction<T>(work: (inside: <R>(call: () => R) => Promise<R>) => Promise<T>): Promise<T> {
    const refusal = this.refusalInside('a transaction was opened');
    if (refusal) return Promise.reject(refusal);
    return this.lanes.ask(ONE_LANE, work);
  }

  private readonly lanes = new CommitLanes<Inside>(async (_lane, group) => {
    const { flusher } = this;
    await this.take();
    try {
      if (!flusher) return await runGroup(group, this.groupSteps());
      const broken = flusher.broken();
      if (broken) throw broken;
      const told: (() => void)[] = [];
      const held = group.map((asked) => ({
        work: asked.work,
        resolve: (value: unknown) => void told.push(() => asked.resolve(value)),
        reject: (error: unknown) => void told.push(() => asked.reject(error)),
      }));
      // Set and reset while the connection is held: a statement outside the group still commits with FULL.
      // Executed anew each time: SQLite applies this pragma when it compiles it, not when it runs.
      this.db.exec('PRAGMA synchronous = NORMAL');
      try {
        await runGroup(held, this.groupSteps());
      } finally {
        this.db.exec(`PRAGMA synchronous = ${flusher.level}`);
      }
      this.tellOnceFlushed(group, told, flusher.flush());
      this.checkpointSoon();
    } finally {
      this.release();
    }
  }, SQLITE_MAX_GROUP);

  /** A checkpoint after the last group, once CHECKPOINT_EVERY_MS after the one before. */
  private checkpointSoon(): void {
    if (!this.checkpointer || this.checkpointDue) return;
    const wait = Math.max(0, this.lastCheckpointAt + CHECKPOINT_EVERY_MS - Date.now());
    this.checkpointDue = setTimeout(() => void this.checkpointInTurn(this.checkpointer!), wait);
    this.checkpointDue.unref();
  }

  /** Holds the connection while the worker checkpoints: with no write under way, it copies every frame. */
  private async checkpointInTurn(checkpointer: WalCheckpointer): Promise<void> {
    await this.take();
    try {
      await checkpointer.checkpoint();
    } finally {
      this.lastCheckpointAt = Date.now();
      this.checkpointDue = null;
      this.release();
    }
  }

  /** Tells the group's callers how their transactions went once the flush is done, in commit order; if it failed, that it failed. */
  private tellOnceFlushed(group: readonly Asked<Inside>[], told: readonly (() => void)[], flushed: Promise<void>): void {
    this.unflushed = flushed;
    const telling = flushed.then(
      () => told.forEach((tell) => tell()),
      (error: unknown) => group.forEach((asked) => asked.reject(error)),
    );
    this.telling.add(telling);
    void telling.finally(() => {
      this.telling.delete(telling);
      if (this.unflushed === flushed) this.unflushed = null;
    });
  }

  private onceFlushed<T>(answer: Promise<T>): Promise<T> {
    if (!this.unflushed) return answer;
    return this.unflushed.then(
      () => answer,
      () => answer,
    );
  }

  private groupSteps(): GroupSteps<Inside> {
    const { db } = this;
    return {
      begin: async () => void db.exec('BEGIN IMMEDIATE'),
      run: (turn, work) => {
        const inside = <R>(call: () => R): Promise<R> =>
          turn.open ? settle(call) : Promise.reject(new Error('This transaction is over: its repositories cannot be used any more.'));
        return this.current.run(turn, () => work(inside));
      },
      savepoint: async () => void db.exec('SAVEPOINT work'),
      rollbackToSavepoint: async () => void db.exec('ROLLBACK TO work'),
      commit: async () => void db.exec('COMMIT'),
      rollback: async () => {
        if (db.inTransaction) db.exec('ROLLBACK');
      },
      // A failed COMMIT or a full disk ends the whole transaction; SQLite says so by ending it.
      breaksGroup: () => !db.inTransaction,
      failure: (error) => error,
    };
  }

  /** `call` once the work under way is done (closing the connection); later statements fail on their own. */
  async finally(call: () => void): Promise<void> {
    await this.lanes.idle();
    await this.flusher?.idle();
    while (this.telling.size > 0) await Promise.all(this.telling);
    if (this.checkpointDue) clearTimeout(this.checkpointDue);
    await this.take();
    try {
      // Closed first: the relay's connection, closed last, then checkpoints and removes the WAL.
      await this.checkpointer?.close();
      call();
    } finally {
      this.flusher?.close();
      this.release();
    }
  }

  private refusalInside(what: string): Error | null {
    if (!this.current.getStore()?.open) return null;
    return new Error(`Inside a transaction, ${what}: read and write through the transaction's repositories (changes.store) instead.`);
  }

  private take(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the connection to the next in line, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

function settle<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
