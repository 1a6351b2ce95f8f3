import { constants, PerformanceObserver, type NodeGCPerformanceDetail } from 'node:perf_hooks';
import { applyHeapGrowth } from '../ops/heap-growth.js';

/**
 * `heap-churn.ts <percent>`: applies the relay's heap growth setting, then churns through mail-like
 * garbage that lives long enough to reach the old generation (a window of recent objects over a
 * steady live set, as an import does) and prints how many full collections V8 made, as JSON.
 */
const percent = Number(process.argv[2]);
applyHeapGrowth(percent);

let fullCollections = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const detail = (entry as PerformanceEntry & { detail?: NodeGCPerformanceDetail }).detail;
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections += 1;
  }
});
observer.observe({ entryTypes: ['gc'] });

const record = (i: number) => ({ id: i, subject: `subject ${i}`, words: [i, i + 1, i + 2, i + 3] });
const live = Array.from({ length: 200_000 }, (_, i) => record(i));
const window: unknown[] = new Array(100_000);
for (let i = 0; i < 3_000_000; i += 1) window[i % window.length] = record(i);

setTimeout(() => {
  observer.disconnect();
  console.log(JSON.stringify({ fullCollections, live: live.length }));
}, 100);
