import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the relay's heap grow past what survived its last full collection before it
 * collects again. V8 picks up to 4x on a machine with a few GB, so a relay that churns through
 * mail (an IMAP import) held 2–2.5 times its live heap, plus the Buffers that die with it: a peak
 * of ~360 MB for ~64 MB live (docs/email.md, "Heap growth"). 30% held the same import to 263 MB
 * (median of 3) at the same rate and CPU, within noise; unlike --max-old-space-size it is no
 * ceiling, so a relay whose live heap really grows still grows instead of failing out of memory.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 30;

/** RELAY_HEAP_GROWTH_PERCENT: 0 leaves V8 its own choice; unset means DEFAULT_HEAP_GROWTH_PERCENT. */
export function heapGrowthPercentFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.RELAY_HEAP_GROWTH_PERCENT;
  if (raw === undefined || raw === '') return DEFAULT_HEAP_GROWTH_PERCENT;
  const percent = Number(raw);
  if (!Number.isInteger(percent) || percent < 0 || percent > 400) {
    throw new Error(`RELAY_HEAP_GROWTH_PERCENT must be a whole number from 0 (V8's own choice) to 400, not "${raw}".`);
  }
  return percent;
}

/**
 * Sets V8's heap growing factor for this process. Node refuses the flag in NODE_OPTIONS, so the
 * relay sets it itself; V8 reads it each time it sizes the heap after a collection, so setting it
 * once started takes effect from the next collection on. A flag given on node's own command line
 * wins: the operator chose it.
 */
export function applyHeapGrowth(percent: number, execArgv: readonly string[] = process.execArgv): void {
  if (percent === 0 || execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag))) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
