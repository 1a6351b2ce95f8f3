import { readFileSync } from 'node:fs';
import { killChildren } from './children.js';

/**
 * What must happen however a benchmark ends (schemas dropped, temp dirs removed), and a watchdog
 * that ends it, children and all, when it runs too long or is interrupted.
 */
const cleanups = new Set<() => Promise<void>>();

/** Registers `cleanup`; the function returned runs it now (once, whoever calls first). */
export function onCleanup(cleanup: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => (done ??= cleanup().catch((error: unknown) => console.error('[bench] cleanup failed:', error)));
  cleanups.add(once);
  return async () => {
    await once();
    cleanups.delete(once);
  };
}

/** Kills every child, runs the cleanups (15 s at most) and exits with 1. */
export async function abortRun(reason: string): Promise<never> {
  console.error(`[bench] ${reason}; stopping everything`);
  killChildren();
  await Promise.race([Promise.all([...cleanups].map((cleanup) => cleanup())), new Promise((r) => setTimeout(r, 15_000))]);
  process.exit(1);
}

/** Aborts the run after `ms`, or on SIGINT/SIGTERM; call the function returned when done. */
export function startWatchdog(ms: number): () => void {
  const timer = setTimeout(() => void abortRun(`the benchmark did not finish within ${Math.round(ms / 60_000)} minutes`), ms);
  process.once('SIGINT', () => void abortRun('interrupted'));
  process.once('SIGTERM', () => void abortRun('terminated'));
  return () => clearTimeout(timer);
}

/**
 * Runs a benchmark's `main` under a watchdog and prints its result, with the run's seconds and
 * Node's version, as the last line (one JSON object); a failure aborts the run with exit 1.
 */
export async function runBench(main: () => Promise<Record<string, unknown>>, watchdogMs: number, startedAt: number): Promise<never> {
  const stopWatchdog = startWatchdog(watchdogMs);
  let result: Record<string, unknown> = {};
  try {
    result = await main();
  } catch (error) {
    await abortRun(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  stopWatchdog();
  result.seconds = Math.round((performance.now() - startedAt) / 1000);
  result.node = process.version;
  console.log(JSON.stringify(result));
  process.exit(0);
}

/** CPU seconds the processes used so far, from /proc (the relays are not ours to ask); null where there is none. */
export function cpuSecondsOf(pids: readonly (number | undefined)[]): number | null {
  let sum = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
      sum += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return null;
    }
  }
  return sum;
}
