/* global process, console, Buffer, setTimeout */
// The email bench's relay as it is deployed: the compiled relay (dist/, `tsc -p tsconfig.relay.json`)
// in plain node, without tsx, so that its memory is a deployed relay's. Same arguments and output
// as email-relay-process.ts.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { reportRelayMemory } from './relay-memory-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const [dbPath, keyHex] = process.argv.slice(2);
if (!dbPath || !keyHex) throw new Error('usage: email-relay-process.mjs <dbPath> <secretsKeyHex>');
// Before the relay's modules load, as its cli.ts does (RELAY_HEAP_GROWTH_PERCENT=0 measures V8's own heap growth).
const { applyHeapGrowth, heapGrowthPercentFromEnv } = await import(pathToFileURL(path.join(root, 'dist/src-relay/ops/heap-growth.js')).href);
applyHeapGrowth(heapGrowthPercentFromEnv(process.env));
const { startRelay } = await import(pathToFileURL(path.join(root, 'dist/src-relay/server.js')).href);
reportRelayMemory();
console.log(`STARTING ${Date.now()}`);
const relay = await startRelay({ dbPath, port: 0, channels: { secretsKey: Buffer.from(keyHex, 'hex') } });
console.log(`RELAY_URL ${relay.url}`);
const stop = () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  void relay.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
