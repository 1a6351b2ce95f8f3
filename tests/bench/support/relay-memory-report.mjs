/* global process, console, setInterval */
// Where a bench relay's memory goes, for finding what holds it (shared by email-relay-process.mjs and .ts).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';

const mb = (bytes) => Math.round(bytes / 1e6);
const GC_KINDS = { 2: 'mark-compact', 4: 'incremental marking', 8: 'weak callbacks' };

/**
 * BENCH_RELAY_MEMORY=1: the relay's memory every 2 s, and after each full collection what it left
 * (heapUsed then is what the relay holds; above it, garbage waiting for V8). BENCH_RELAY_ALLOC=FILE:
 * a sampling profile of every allocation, collected garbage included, written to FILE on SIGUSR2
 * (open it in Chrome DevTools' Memory tab): what allocates most, not what is held; with
 * BENCH_RELAY_ALLOC_PROMOTED=1 only what outlived the young generation (what fills the old one).
 */
export function reportRelayMemory() {
  if (process.env.BENCH_RELAY_MEMORY) {
    setInterval(() => {
      const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
      console.error(`[relay memory] rss ${mb(rss)} heapTotal ${mb(heapTotal)} heapUsed ${mb(heapUsed)} external ${mb(external)} arrayBuffers ${mb(arrayBuffers)} MB`);
    }, 2000).unref();
    // Scavenges (kind 1) are many and say little: only the collections of the whole heap.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = GC_KINDS[entry.detail?.kind];
        if (!kind) continue;
        const { rss, heapUsed, external } = process.memoryUsage();
        console.error(`[relay gc] ${kind} ${entry.duration.toFixed(1)} ms, after it: heapUsed ${mb(heapUsed)} external ${mb(external)} rss ${mb(rss)} MB`);
      }
    }).observe({ entryTypes: ['gc'] });
  }
  const allocFile = process.env.BENCH_RELAY_ALLOC;
  if (allocFile) {
    const session = new Session();
    session.connect();
    // BENCH_RELAY_ALLOC_PROMOTED=1: only what outlived the young generation (promoted, then collected by a full collection, or held).
    const promotedOnly = Boolean(process.env.BENCH_RELAY_ALLOC_PROMOTED);
    session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !promotedOnly });
    process.on('SIGUSR2', () =>
      session.post('HeapProfiler.stopSampling', (error, result) => {
        writeFileSync(allocFile, JSON.stringify(error ? { error: String(error) } : result.profile));
        console.error(`[relay] allocation profile written to ${allocFile}`);
      }),
    );
  }
}
