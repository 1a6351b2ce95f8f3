import { applyHeapGrowth, heapGrowthPercentFromEnv } from '../../../src-relay/ops/heap-growth.js';
import { LOOPBACK_PROXY } from './customer-address.js';
import { serveWindow } from './relay-window.js';

/**
 * Runs a relay on the database given as argv[2] (a SQLite file or a postgres:// URL) and prints
 * its URL as one line. With argv[3] (nats://…) and argv[4] (a subject prefix of the run's own) it is
 * one node of a cluster on that database. It sits behind the customers' "proxy" (customer-address.ts).
 */
const [dbPath, natsUrl, subjectPrefix] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: relay-process.ts <dbPath> [natsUrl subjectPrefix]');
// Before the relay's modules load, as its cli.ts does (RELAY_HEAP_GROWTH_PERCENT=0 measures V8's own heap growth).
applyHeapGrowth(heapGrowthPercentFromEnv(process.env));
const { startRelay } = await import('../../../src-relay/server.js');
const relay = await startRelay({ dbPath, port: 0, natsUrl, cluster: natsUrl ? { subjectPrefix } : undefined, trustProxy: LOOPBACK_PROXY });
console.log(`RELAY_URL ${relay.url}`);
// The bench may ask for its CPU and GC over the measured window (relay-window.ts).
serveWindow();
const stop = () => {
  // A close that hangs must not leave the relay behind.
  setTimeout(() => process.exit(1), 10_000).unref();
  void relay.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
// Started with an IPC channel: the bench going away, however it went, ends this relay too.
process.on('disconnect', stop);
