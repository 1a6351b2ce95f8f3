#!/usr/bin/env node
// npm run bench -- <name>: runs tests/bench/<name>.bench.ts with tsx; its last line is one JSON object.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES = { sync: 'tests/bench/sync.bench.ts', ai: 'tests/bench/ai.bench.ts', kb: 'tests/bench/kb.bench.ts', routing: 'tests/bench/routing.bench.ts', cluster: 'tests/bench/cluster.bench.ts', channels: 'tests/bench/channels.bench.ts', pii: 'tests/bench/pii.bench.ts', email: 'tests/bench/email.bench.ts', views: 'tests/bench/views.bench.ts', desk: 'tests/bench/desk.bench.ts' };
const name = process.argv[2];
const file = name ? BENCHES[name] : undefined;
if (!file) {
  console.error(`Unknown benchmark ${JSON.stringify(name ?? '')}. Available: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, file)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
