import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../src-shared/protocol/auth.js';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { CLOSE_SERVICE_RESTART } from '../../src-relay/ops/drain.js';
import { startSlowRequest } from '../../src-relay/testing/slow-request.js';
import { SocketClient } from '../../src-relay/testing/socket-client.js';
import { freePort } from '../fault/support/relay-process.js';

const CLI = path.resolve('src-relay/cli.ts');
const DEMO_LOGIN = { email: 'mei@demo.test', password: 'demo1234' };

/** The relay's own command line in a child process, stopped the way an orchestrator stops it. */
describe('relay shutdown on SIGTERM', () => {
  let dir: string;
  let child: ChildProcess | null = null;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'relay-shutdown-'));
  });

  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops taking traffic, closes desks with 1012, lets a running request finish, and exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--demo'], {
      env: { ...process.env, RELAY_DB: path.join(dir, 'relay.sqlite'), RELAY_PORT: String(port), RELAY_HOST: '127.0.0.1', RELAY_LOG: '0', RELAY_DRAIN_TIMEOUT_MS: '5000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })));
    await until(() => output.includes('Relay listening on'), 20_000, () => output);

    const login = LoginResponse.parse(await (await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO_LOGIN) })).json());
    const desk = await SocketClient.open(`ws://127.0.0.1:${port}${SYNC_PATH}`, RelayFrame);
    desk.send({ type: 'hello', token: login.token, clientId: 'mei-desk' });
    await desk.expect('welcome', []);
    const running = await startSlowRequest(url, '/api/login', JSON.stringify(DEMO_LOGIN));
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    child.kill('SIGTERM');
    expect((await desk.closed).code).toBe(CLOSE_SERVICE_RESTART);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    expect((await fetch(`${url}/chat`)).status).toBe(503);

    expect(await running.finish()).toBe(200);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).toContain('SIGTERM: draining the relay');
    expect(output).not.toContain('cut off');
  });
});

async function until(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
