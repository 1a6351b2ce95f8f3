import { applyHeapGrowth, heapGrowthPercentFromEnv } from './ops/heap-growth.js';

/**
 * The relay's command (relay-command.ts tells what it takes). RELAY_HEAP_GROWTH_PERCENT (30) is how
 * far the heap grows past what lives before V8 collects; 0 leaves V8 its own choice
 * (ops/heap-growth.ts). It is set before the relay's modules load: V8 sizes the next cycle at each
 * full collection, and the first ones come while they load, so set later it would miss the cycle
 * where an import's peak is.
 */
try {
  applyHeapGrowth(heapGrowthPercentFromEnv(process.env));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await import('./relay-command.js');
