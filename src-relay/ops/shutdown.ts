import type { DrainOutcome } from './drain.js';

/** The parts of a running relay that a shutdown uses. */
export interface Stoppable {
  drain(timeoutMs: number): Promise<DrainOutcome>;
  close(): Promise<void>;
}

export interface ShutdownOptions {
  drainTimeoutMs: number;
  log(message: string): void;
  exit(code: number): void;
}

/**
 * SIGTERM (an orchestrator, `docker stop`) or SIGINT (Ctrl-C): drain, then close (timers, sockets,
 * the database), then exit 0; 1 if closing failed. A second signal is ignored: Ctrl-C under
 * `npm start` sends the relay SIGINT and then SIGTERM, and both mean the same stop.
 */
export function stopOnSignals(relay: Stoppable, options: ShutdownOptions, signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutDown(relay, signal, options);
    });
  }
}

export async function shutDown(relay: Stoppable, signal: string, options: ShutdownOptions): Promise<void> {
  options.log(`\n${signal}: draining the relay (up to ${options.drainTimeoutMs} ms)…`);
  try {
    const left = await relay.drain(options.drainTimeoutMs);
    if (left.requests > 0 || left.sockets > 0) {
      options.log(`Drain time over: cut off ${left.requests} request(s) and ${left.sockets} socket(s) still open.`);
    }
    await relay.close();
  } catch (error) {
    options.log(`The relay did not close cleanly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    options.exit(1);
    return;
  }
  options.exit(0);
}
