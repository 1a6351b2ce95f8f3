import { applyHeapGrowth, heapGrowthPercentFromEnv } from '../../../src-relay/ops/heap-growth.js';
import { reportRelayMemory } from './relay-memory-report.mjs';

/**
 * A relay reading email over IMAP, on the SQLite file argv[2]; argv[3] is the secrets key (hex)
 * the mailbox's credentials were sealed with. Prints `STARTING <epoch ms>` just before it starts
 * (its IMAP watchers start within startRelay: an import's clock starts here, which counts the
 * relay's own start-up against it), then `RELAY_URL <url>` once it listens.
 */
const [dbPath, keyHex] = process.argv.slice(2);
if (!dbPath || !keyHex) throw new Error('usage: email-relay-process.ts <dbPath> <secretsKeyHex>');
reportRelayMemory();
console.log(`STARTING ${Date.now()}`);
// Before the relay's modules load, as its cli.ts does (RELAY_HEAP_GROWTH_PERCENT=0 measures V8's own heap growth).
applyHeapGrowth(heapGrowthPercentFromEnv(process.env));
const { startRelay } = await import('../../../src-relay/server.js');
const relay = await startRelay({ dbPath, port: 0, channels: { secretsKey: Buffer.from(keyHex, 'hex') } });
console.log(`RELAY_URL ${relay.url}`);
const stop = () => {
  // A close that hangs must not leave the relay behind.
  setTimeout(() => process.exit(1), 10_000).unref();
  void relay.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
// Started with an IPC channel: the bench going away, however it went, ends this relay too.
process.on('disconnect', stop);
