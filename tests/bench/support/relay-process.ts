import { startRelay } from '../../../src-relay/server.js';

/** Runs a relay on the database given as argv[2] and prints its URL as one line. */
const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: relay-process.ts <dbPath>');
const relay = await startRelay({ dbPath, port: 0 });
console.log(`RELAY_URL ${relay.url}`);
process.on('SIGTERM', () => {
  void relay.close().then(() => process.exit(0));
});
