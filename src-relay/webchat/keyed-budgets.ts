import { SendBudget } from './send-budget.js';

/** Enough for every address and visitor a busy relay sees in a few minutes. */
const DEFAULT_MAX_KEYS = 100_000;

/**
 * One send budget per key (a visitor, an address). A budget that has refilled is the same as a
 * new one, so those are forgotten first when the map is full; only if every key is still in debt
 * does the oldest go, which keeps memory bounded against a flood of made-up keys.
 */
export class KeyedBudgets {
  private readonly budgets = new Map<string, SendBudget>();

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  take(key: string, now: number): boolean {
    let budget = this.budgets.get(key);
    if (!budget) {
      if (this.budgets.size >= this.maxKeys) this.makeRoom(now);
      budget = new SendBudget(this.capacity, this.refillMs, now);
      this.budgets.set(key, budget);
    }
    return budget.take(now);
  }

  /** Whether `key` could spend one now, without spending it. */
  allows(key: string, now: number): boolean {
    return this.budgets.get(key)?.hasOne(now) ?? true;
  }

  get size(): number {
    return this.budgets.size;
  }

  private makeRoom(now: number): void {
    for (const [key, budget] of this.budgets) if (budget.isFull(now)) this.budgets.delete(key);
    if (this.budgets.size < this.maxKeys) return;
    const oldest = this.budgets.keys().next();
    if (!oldest.done) this.budgets.delete(oldest.value);
  }
}
