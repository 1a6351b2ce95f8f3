/**
 * Latencies in whole milliseconds, counted in 1 ms buckets: constant memory however many
 * deliveries a load generator sees, and mergeable across processes.
 */
export class LatencyHistogram {
  private readonly counts: Uint32Array;
  total = 0;

  constructor(readonly maxMs = 60_000) {
    this.counts = new Uint32Array(maxMs + 1);
  }

  add(ms: number, times = 1): void {
    this.counts[Math.max(0, Math.min(this.maxMs, Math.round(ms)))]! += times;
    this.total += times;
  }

  /** The non-empty buckets as [ms, count] pairs, small enough to send over IPC. */
  pairs(): [number, number][] {
    const pairs: [number, number][] = [];
    this.counts.forEach((count, ms) => {
      if (count > 0) pairs.push([ms, count]);
    });
    return pairs;
  }

  addPairs(pairs: readonly [number, number][]): void {
    for (const [ms, count] of pairs) this.add(ms, count);
  }

  /** The smallest latency that p % of the samples did not exceed; null without samples. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let ms = 0; ms <= this.maxMs; ms++) {
      seen += this.counts[ms]!;
      if (seen >= rank) return ms;
    }
    return this.maxMs;
  }

  max(): number | null {
    for (let ms = this.maxMs; ms >= 0; ms--) if (this.counts[ms]) return ms;
    return null;
  }
}
