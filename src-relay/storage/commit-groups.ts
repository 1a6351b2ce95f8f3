import { setImmediate } from 'node:timers/promises';

/**
 * Group commit: the transactions that queued up for one lane (a tenant's log on PostgreSQL, the
 * one connection on SQLite) while the lane was busy run together in one database transaction,
 * each inside a savepoint of its own, and are committed by one COMMIT.
 *
 * Why: a lane runs one transaction at a time, so under load each waits for every one before it,
 * and each pays for a COMMIT (a disk flush) and, on PostgreSQL, for handing the tenant's head-row
 * lock to the next node. In a group they pay once. With nothing queued, a transaction runs alone,
 * as before, after one turn of the event loop.
 *
 * Each transaction still sees the ones before it in the group and nothing after, as if they had
 * committed one by one. One that fails is rolled back to its savepoint and rejected; the others go
 * on. None resolves before the group's COMMIT: if the COMMIT fails, every one of them rejects.
 */

/** A turn of the event loop, from node:timers: a test's fake clock (which replaces the global setImmediate) must not stop commits. */
const nextTurn = () => setImmediate(undefined);

/** A transaction asked for and waiting for its group. */
export interface Asked<Repositories> {
  work(tx: Repositories): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** The work of one transaction in a group; `open` turns false once it is over, so its repositories refuse. */
export interface Turn {
  open: boolean;
}

/** How one adapter runs a group: its statements, and how a transaction's work reaches its repositories. */
export interface GroupSteps<Repositories> {
  begin(): Promise<void>;
  /** Runs one transaction's work with repositories that answer only while `turn.open`. */
  run(turn: Turn, work: (tx: Repositories) => Promise<unknown>): Promise<unknown>;
  savepoint(): Promise<void>;
  /** Undoes everything since the last savepoint. */
  rollbackToSavepoint(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Whether the failure broke the whole transaction (the connection, the database), not just this work. */
  breaksGroup(error: unknown): boolean;
  /** The error handed to the caller. */
  failure(error: unknown): unknown;
}

/** PostgreSQL keeps 64 subtransactions per transaction in shared memory before it slows every reader. */
export const MAX_GROUP = 32;

/**
 * Runs the group in one transaction and settles every one of them; rejects, settling none, only
 * when the transaction could not begin.
 */
export async function runGroup<Repositories>(group: readonly Asked<Repositories>[], steps: GroupSteps<Repositories>): Promise<void> {
  const succeeded: { asked: Asked<Repositories>; value: unknown }[] = [];
  let unsettled = [...group];
  const alone = group.length === 1;
  // Nothing has run yet: the lane may try the group again, or fail it (CommitLanes).
  await steps.begin();
  try {
    for (const asked of group) {
      if (!alone) await steps.savepoint();
      const turn: Turn = { open: true };
      try {
        succeeded.push({ asked, value: await steps.run(turn, asked.work) });
      } catch (error) {
        if (alone || steps.breaksGroup(error)) throw error;
        turn.open = false;
        await steps.rollbackToSavepoint();
        asked.reject(steps.failure(error));
      } finally {
        turn.open = false;
      }
      unsettled = unsettled.filter((other) => other !== asked);
    }
    await steps.commit();
  } catch (error) {
    await steps.rollback();
    for (const asked of [...succeeded.map((done) => done.asked), ...unsettled]) asked.reject(steps.failure(error));
    return;
  }
  for (const { asked, value } of succeeded) asked.resolve(value);
}

/**
 * Transactions waiting per lane. Those asked in one turn of the event loop, or while the lane's
 * group before them ran, form the next group, and so on until the lane is empty.
 */
export class CommitLanes<Repositories> {
  private readonly queues = new Map<string, Asked<Repositories>[]>();
  private readonly draining = new Set<Promise<void>>();

  constructor(
    private readonly runLane: (lane: string, group: readonly Asked<Repositories>[]) => Promise<void>,
    /** The most transactions one group takes. */
    private readonly maxGroup = MAX_GROUP,
  ) {}

  ask<T>(lane: string, work: (tx: Repositories) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const asked: Asked<Repositories> = { work, resolve: resolve as (value: unknown) => void, reject };
      const queue = this.queues.get(lane);
      if (queue) {
        queue.push(asked);
        return;
      }
      this.queues.set(lane, [asked]);
      const drained = this.drain(lane).finally(() => this.draining.delete(drained));
      this.draining.add(drained);
    });
  }

  /** Resolves once every transaction asked so far is settled (before closing the database). */
  async idle(): Promise<void> {
    while (this.draining.size > 0) await Promise.all(this.draining);
  }

  private async drain(lane: string): Promise<void> {
    const queue = this.queues.get(lane)!;
    while (queue.length > 0) {
      // Let the event loop take in what has arrived first: requests whose transactions would
      // otherwise each run alone, since a transaction on SQLite never leaves the microtask queue.
      await nextTurn();
      const group = queue.splice(0, this.maxGroup);
      // A lane that could not even start (no connection) fails its group, not the ones after it.
      await this.runLane(lane, group).catch((error: unknown) => {
        for (const asked of group) asked.reject(error);
      });
    }
    this.queues.delete(lane);
  }
}
