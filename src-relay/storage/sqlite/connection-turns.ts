import { AsyncLocalStorage } from 'node:async_hooks';

/** The transaction the current async work runs inside; `open` turns false once it is over. */
interface OpenTransaction {
  open: boolean;
}

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
  private held = false;
  private readonly waiting: (() => void)[] = [];
  private readonly current = new AsyncLocalStorage<OpenTransaction>();

  /** A statement outside any transaction, in its turn. */
  statement<T>(call: () => T): Promise<T> {
    const refusal = this.refusalInside('the top-level storage was called');
    if (refusal) return Promise.reject(refusal);
    if (!this.held) return settle(call);
    return this.take().then(() => {
      try {
        return call();
      } finally {
        this.release();
      }
    });
  }

  /** `work` between `begin` and `commit`, holding the connection; `rollback` when it fails. */
  async transaction<T>(
    steps: { begin(): void; commit(): void; rollback(): void },
    work: (inside: <R>(call: () => R) => Promise<R>) => Promise<T>,
  ): Promise<T> {
    const refusal = this.refusalInside('a transaction was opened');
    if (refusal) throw refusal;
    await this.take();
    const transaction: OpenTransaction = { open: true };
    const inside = <R>(call: () => R): Promise<R> =>
      transaction.open ? settle(call) : Promise.reject(new Error('This transaction is over: its repositories cannot be used any more.'));
    try {
      steps.begin();
      const result = await this.current.run(transaction, () => work(inside));
      steps.commit();
      return result;
    } catch (error) {
      steps.rollback();
      throw error;
    } finally {
      transaction.open = false;
      this.release();
    }
  }

  /** `call` once the work under way is done (closing the connection); later statements fail on their own. */
  async finally(call: () => void): Promise<void> {
    await this.take();
    try {
      call();
    } finally {
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
