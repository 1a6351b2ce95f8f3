/**
 * How fast one sender may go: a burst of `capacity`, then one every `refillMs`. The chat is open
 * to anyone, so a script must not be able to flood an inbox.
 */
export class SendBudget {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Spends one send if there is one left. */
  take(now: number): boolean {
    if (!this.hasOne(now)) return false;
    this.tokens -= 1;
    return true;
  }

  hasOne(now: number): boolean {
    this.refill(now);
    return this.tokens > 0;
  }

  /** Refilled to capacity: no different from a budget never used. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens === this.capacity;
  }

  private refill(now: number): void {
    const refilled = Math.floor((now - this.updatedAt) / this.refillMs);
    if (refilled <= 0) return;
    this.tokens = Math.min(this.capacity, this.tokens + refilled);
    this.updatedAt += refilled * this.refillMs;
  }
}
