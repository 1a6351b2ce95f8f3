/**
 * Password checks (scrypt, ~0.1 s each on libuv's small thread pool) taken a few at a time, fairly:
 * one address's flood waits behind itself, not in front of everyone else. Addresses take turns;
 * an attempt from an address its account signed in from before goes first. An address with too
 * many checks waiting is refused at once rather than queued.
 */
export class PasswordLane {
  private running = 0;
  private readonly first: (() => void)[] = [];
  /** Waiting checks per address; the map's order is the turn order. */
  private readonly byAddress = new Map<string, (() => void)[]>();

  constructor(
    private readonly concurrency = 2,
    // An office behind one NAT signs many agents in at nine: room for them, not for an endless flood.
    private readonly waitingPerAddress = 64,
  ) {}

  /** Null when `address` already has too many checks waiting. */
  run<T>(address: string, known: boolean, check: () => Promise<T>): Promise<T> | null {
    const queue = known ? this.first : this.byAddress.get(address) ?? [];
    if (!known && queue.length >= this.waitingPerAddress) return null;
    return new Promise<T>((resolve, reject) => {
      queue.push(() => {
        check()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            this.next();
          });
      });
      if (!known && queue.length === 1) this.byAddress.set(address, queue);
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.concurrency) {
      const start = this.first.shift() ?? this.takeTurn();
      if (!start) return;
      this.running += 1;
      start();
    }
  }

  /** The next address's oldest check; the address goes to the back of the line. */
  private takeTurn(): (() => void) | undefined {
    const turn = this.byAddress.entries().next();
    if (turn.done) return undefined;
    const [address, queue] = turn.value;
    const start = queue.shift();
    this.byAddress.delete(address);
    if (queue.length > 0) this.byAddress.set(address, queue);
    return start;
  }
}
