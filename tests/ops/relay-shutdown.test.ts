import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import { CLOSE_SERVICE_RESTART } from '../../src-relay/ops/drain.js';
import { startSlowRequest } from '../../src-relay/testing/slow-request.js';
import { SocketClient } from '../../src-relay/testing/socket-client.js';
import { LoginResponse } from '../../src-shared/protocol/auth.js';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { FAST_SYNC } from '../fault/support/convergence.js';
import { freePort } from '../support/processes.js';
import { waitFor } from '../support/wait.js';

const CLI = path.resolve('src-relay/cli.ts');
const DEMO_LOGIN = { email: 'mei@demo.test', password: 'demo1234' };

/** The relay's own command line in a child process, stopped the way an orchestrator stops it. */
class RelayCli {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(dbPath: string, port: number): Promise<RelayCli> {
    const env = { ...process.env, RELAY_DB: dbPath, RELAY_PORT: String(port), RELAY_HOST: '127.0.0.1', RELAY_LOG: '0', RELAY_DRAIN_TIMEOUT_MS: '5000' };
    const relay = new RelayCli(spawn(process.execPath, ['--import', 'tsx', CLI, '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] }), `http://127.0.0.1:${port}`);
    await waitFor(`the relay to listen: ${relay.output}`, () => relay.output.includes('Relay listening on'), 20_000);
    return relay;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }
}

describe('relay shutdown on SIGTERM', () => {
  let dir: string;
  const relays: RelayCli[] = [];
  const workstations: Workstation[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'relay-shutdown-'));
  });

  afterEach(async () => {
    for (const workstation of workstations.splice(0)) await workstation.close();
    for (const relay of relays.splice(0)) {
      if (relay.running) relay.signal('SIGKILL');
      await relay.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops taking traffic, closes desks with 1012, lets a running request finish, and exits 0', async () => {
    const relay = await RelayCli.start(path.join(dir, 'relay.sqlite'), await freePort());
    relays.push(relay);
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO_LOGIN) };
    const login = LoginResponse.parse(await (await fetch(`${relay.url}/api/login`, post)).json());
    const desk = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    desk.send({ type: 'hello', token: login.token, clientId: 'mei-desk' });
    await desk.expect('welcome', []);
    const running = await startSlowRequest(relay.url, '/api/login', JSON.stringify(DEMO_LOGIN));
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(200);

    relay.signal('SIGTERM');
    expect((await desk.closed).code).toBe(CLOSE_SERVICE_RESTART);
    const ready = await fetch(`${relay.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    expect((await fetch(`${relay.url}/chat`)).status).toBe(503);

    expect(await running.finish()).toBe(200);
    expect(await relay.exited).toEqual({ code: 0, signal: null });
    expect(relay.output).toContain('SIGTERM: draining the relay');
    expect(relay.output).not.toContain('cut off');
  });

  it('a desk drained off a node comes back online, still signed in, on the node that answers next', async () => {
    const dbPath = path.join(dir, 'relay.sqlite');
    const port = await freePort();
    const first = await RelayCli.start(dbPath, port);
    relays.push(first);
    const workstation = Workstation.open({ dbPath: path.join(dir, 'mei.sqlite'), relayUrl: first.url, syncTiming: FAST_SYNC, log: () => undefined });
    workstations.push(workstation);
    await workstation.handlers['session.login'](DEMO_LOGIN);
    const online = async () => (await workstation.handlers['session.get']({})).connection.state === 'online';
    await waitFor('the desk online', online, 20_000);

    first.signal('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(await online()).toBe(false);
    // The same address, as behind a balancer: the node that answers next.
    const next = await RelayCli.start(dbPath, port);
    relays.push(next);
    await waitFor('the desk online again', online, 20_000);
    expect((await workstation.handlers['session.get']({})).agent?.email).toBe(DEMO_LOGIN.email);
  });
});
