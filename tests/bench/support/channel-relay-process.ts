import { applyHeapGrowth, heapGrowthPercentFromEnv } from '../../../src-relay/ops/heap-growth.js';

/**
 * A relay with messaging apps on the SQLite file argv[2]: argv[3] is the secrets key (hex) the
 * accounts' credentials were sealed with, argv[4] the providers' API addresses as JSON (the
 * fakes). Prints its URL as one line. The send pacing and timeouts are the relay's defaults.
 */
const [dbPath, keyHex, apiBaseUrlsJson] = process.argv.slice(2);
if (!dbPath || !keyHex || !apiBaseUrlsJson) throw new Error('usage: channel-relay-process.ts <dbPath> <secretsKeyHex> <apiBaseUrlsJson>');
const apiBaseUrls = JSON.parse(apiBaseUrlsJson) as Record<string, string>;
// Before the relay's modules load, as its cli.ts does (RELAY_HEAP_GROWTH_PERCENT=0 measures V8's own heap growth).
applyHeapGrowth(heapGrowthPercentFromEnv(process.env));
const { startRelay } = await import('../../../src-relay/server.js');
const relay = await startRelay({ dbPath, port: 0, channels: { secretsKey: Buffer.from(keyHex, 'hex'), apiBaseUrls } });
console.log(`RELAY_URL ${relay.url}`);
const stop = () => {
  // A close that hangs must not leave the relay behind.
  setTimeout(() => process.exit(1), 10_000).unref();
  void relay.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
// Started with an IPC channel: the bench going away, however it went, ends this relay too.
process.on('disconnect', stop);
