export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/**
 * "Full jitter" exponential back-off: a uniform delay in [0, min(cap, base * 2^attempt)).
 * Spreading retries out keeps a room of workstations from reconnecting in lockstep after an outage.
 */
export function retryDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
