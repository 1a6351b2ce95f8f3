/**
 * Whether this node should get traffic: every dependency it cannot serve without answers, and it
 * is not draining. The checks are injected, so the storage port and the cluster bus each bring
 * their own (the database probe today; the NATS bus's when it is configured).
 */
export interface ReadinessProbe {
  name: string;
  /** Resolves when the dependency answers; throws (or rejects) when it does not. */
  check(): Promise<void>;
}

export type ReadinessStatus = 'ready' | 'unready' | 'draining';

export interface ReadinessReport {
  status: ReadinessStatus;
  /** 'ok', 'failed' or 'timed out' per probe; the reason goes to the log, not to whoever asks. */
  checks: Record<string, string>;
}

/** A balancer checks every few seconds; a probe slower than this counts as failed. */
export const PROBE_TIMEOUT_MS = 2000;

/** What the cluster bus reports about itself; 'in_process' is the single-node bus, always up. */
export type BusState = 'in_process' | 'connected' | 'reconnecting' | 'disconnected';
export const BUS_STATES: readonly BusState[] = ['in_process', 'connected', 'reconnecting', 'disconnected'];

export class Readiness {
  private drainStarted = false;

  constructor(
    private readonly probes: readonly ReadinessProbe[],
    private readonly reportFailure: (probe: string, error: unknown) => void,
    private readonly timeoutMs = PROBE_TIMEOUT_MS,
  ) {}

  get draining(): boolean {
    return this.drainStarted;
  }

  /** From now on the node answers not ready, for good: it is on its way out. */
  startDraining(): void {
    this.drainStarted = true;
  }

  async report(): Promise<ReadinessReport> {
    const results = await Promise.all(this.probes.map(async (probe) => [probe.name, await this.run(probe)] as const));
    const checks = Object.fromEntries(results);
    if (this.draining) return { status: 'draining', checks };
    return { status: results.every(([, result]) => result === 'ok') ? 'ready' : 'unready', checks };
  }

  private async run(probe: ReadinessProbe): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed out'>((resolve) => {
      timer = setTimeout(() => resolve('timed out'), this.timeoutMs);
    });
    try {
      const result = await Promise.race([probe.check().then(() => 'ok' as const), timedOut]);
      if (result !== 'ok') this.reportFailure(probe.name, new Error(`no answer within ${this.timeoutMs} ms`));
      return result;
    } catch (error) {
      this.reportFailure(probe.name, error);
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The database answers a cheap query (the storage's own `check`). */
export function databaseProbe(check: () => void | Promise<void>): ReadinessProbe {
  return { name: 'database', check: async () => check() };
}

/** For a cluster bus: ready only while connected; a bus that is reconnecting means no pokes in or out. */
export function busProbe(state: () => BusState): ReadinessProbe {
  return {
    name: 'bus',
    check: async () => {
      const now = state();
      if (now !== 'connected' && now !== 'in_process') throw new Error(`the bus is ${now}`);
    },
  };
}
