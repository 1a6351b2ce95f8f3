import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { ApiResult } from '../../../src-shared/api/contract.js';
import { track } from './children.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The core and the renderer built as they ship (`tsc -p tsconfig.main.json`, `vite build`), so start-up is not tsx compiling on the fly. */
export function buildDesk(): void {
  for (const [what, command, args] of [
    ['the core', 'npx', ['tsc', '-p', 'tsconfig.main.json']],
    ['the renderer', 'npm', ['run', 'build:renderer']],
  ] as const) {
    console.error(`[bench] building ${what} (${command} ${args.join(' ')})`);
    const build = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
  }
}

/** A port nothing listens on: the desk starts offline, as on a train, and works from its cache. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface DeskCore {
  child: ChildProcess;
  /** The workstation page, with its launch key. */
  url: string;
  /** Resident memory of the core's process now, and its peak, in MB. */
  memory(): { rssMb: number; peakMb: number };
}

/** The web host (`dist/src-main/web-host/cli.js`) on `dbPath` as a tracked child; resolves once it prints its URL. */
export function startDeskCore(env: Record<string, string>): Promise<DeskCore> {
  const child = track(spawn(process.execPath, [path.join(root, 'dist/src-main/web-host/cli.js')], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the web host did not start within 60 s')), 60_000);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /WORKSTATION_URL=(\S+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({ child, url: match[1], memory: () => memoryOf(child.pid!) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited with ${String(code)}:\n${out}`));
    });
  });
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** The renderer's side of the web host's api socket (src-renderer/state/web-bridge.ts): the same frames, from Node. */
export class ApiSocket {
  private nextId = 0;
  private readonly waiting = new Map<number, (result: ApiResult<unknown>) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number; result?: ApiResult<unknown> };
      if (frame.type !== 'result' || frame.id === undefined) return;
      this.waiting.get(frame.id)?.(frame.result!);
      this.waiting.delete(frame.id);
    });
  }

  static open(pageUrl: string): Promise<ApiSocket> {
    const url = new URL(pageUrl);
    const key = new URLSearchParams(url.hash.slice(1)).get('key') ?? '';
    const ws = new WebSocket(`ws://${url.host}/api?key=${encodeURIComponent(key)}`, { origin: url.origin });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ApiSocket(ws)));
      ws.once('error', reject);
    });
  }

  /** The method's value; a refusal throws with the core's message. */
  async call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    const result = await new Promise<ApiResult<unknown>>((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'request', id, method, params }));
    });
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }

  close(): void {
    this.ws.close();
  }
}
