import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTsx, track } from './children.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

/** The relay compiled as it is deployed (`tsc -p tsconfig.relay.json` into dist/, the image's `node dist/src-relay/cli.js`). */
export function ensureRelayBuilt(): void {
  console.log('[bench] compiling the relay (tsc -p tsconfig.relay.json)');
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.relay.json'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('tsc -p tsconfig.relay.json failed');
}

/** The relay serves the customer pages, so it will not start until they are built (as `npm run relay` does first). */
function ensureWebchatBuilt(): void {
  if (existsSync(path.join(root, 'dist/webchat/chat.html'))) return;
  console.log('[bench] building the customer web chat (npm run build:webchat)');
  const build = spawnSync('npm', ['run', 'build:webchat'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build:webchat failed');
}

/**
 * A relay (support/relay-process.ts) as a tracked child process on `dbPath` (a SQLite file or a
 * postgres:// URL); `cluster` makes it a node on NATS. Resolves with its URL once it listens.
 * BENCH_RELAY_PROF=DIR writes a CPU profile of each relay there (node --cpu-prof).
 */
export function startRelayChild(dbPath: string, cluster?: { natsUrl: string; subjectPrefix: string }): Promise<{ child: ChildProcess; url: string }> {
  return spawnRelayScript(path.join(here, 'relay-process.ts'), [dbPath, ...(cluster ? [cluster.natsUrl, cluster.subjectPrefix] : [])]);
}

/**
 * A relay script (one that prints `RELAY_URL <url>` once it listens) as a tracked child process;
 * resolves with its URL. `onLine` hears each line it prints before that.
 */
export function spawnRelayScript(script: string, args: string[], onLine: (line: string) => void = () => undefined): Promise<{ child: ChildProcess; url: string }> {
  ensureWebchatBuilt();
  // BENCH_RELAY_NODE_FLAGS: node flags for the relay alone (e.g. --max-old-space-size=384), not for the bench or the compiler.
  const flags = (process.env.BENCH_RELAY_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const nodeFlags = [...flags, ...(process.env.BENCH_RELAY_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_RELAY_PROF] : [])];
  // A plain JavaScript script runs without tsx, as a deployed relay does (node dist/…).
  const options: SpawnOptions = { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] };
  const child = script.endsWith('.mjs') ? track(spawn(process.execPath, [...nodeFlags, script, ...args], options)) : spawnTsx(script, args, options, nodeFlags);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('relay did not start within 60 s')), 60_000);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const before = out.length;
      out += chunk.toString();
      for (const line of out.slice(out.lastIndexOf('\n', before - 1) + 1).split('\n').slice(0, -1)) onLine(line);
      const match = /RELAY_URL (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${String(code)}`));
    });
  });
}
