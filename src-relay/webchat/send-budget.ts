/**
 * How fast one customer socket may send: a burst of `capacity` messages, then one every
 * `refillMs`. The chat is open to anyone, so a script must not be able to flood an inbox.
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
    const refilled = Math.floor((now - this.updatedAt) / this.refillMs);
    if (refilled > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + refilled);
      this.updatedAt += refilled * this.refillMs;
    }
    if (this.tokens === 0) return false;
    this.tokens -= 1;
    return true;
  }
}
