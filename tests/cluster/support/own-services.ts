import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/processes.js';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const NATS_SERVER = process.env.NATS_SERVER_PATH ?? '/usr/sbin/nats-server';

/** Like kamailioAvailable: skip loudly on a developer machine, fail under CI=true. */
export function ownServicesAvailable(): boolean {
  const missing = [path.join(PG_BIN, 'initdb'), path.join(PG_BIN, 'pg_ctl'), NATS_SERVER].filter((file) => !existsSync(file));
  if (missing.length === 0) return true;
  if (process.env.CI === 'true') throw new Error(`The cluster suite needs PostgreSQL 15 and nats-server; missing: ${missing.join(', ')}`);
  console.warn(`\n!!! ${missing.join(', ')} not found: SKIPPING the cluster suite with real processes. Install postgresql-15 and nats-server.\n`);
  return false;
}

/** As root, PostgreSQL refuses to run: its files and processes belong to this user instead. */
function asUser(): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
}

/** Without blocking the event loop: the desks in this process keep working meanwhile. */
function runAsync(argv: string[]): Promise<void> {
  const [command, ...args] = [...asUser(), ...argv];
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')} failed (${code}): ${output}`)))),
  );
}

function run(argv: string[]): void {
  const [command, ...args] = [...asUser(), ...argv];
  const result = spawnSync(command!, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
}

/**
 * A PostgreSQL cluster of the suite's own in a temp dir, on a free port, so that the suite may
 * restart it without disturbing any other suite.
 */
export class OwnPostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(path.join(tmpdir(), 'cluster-pg-'));
    chmodSync(dir, 0o777);
    const postgres = new OwnPostgres(dir, await freePort());
    try {
      run([path.join(PG_BIN, 'initdb'), '-A', 'trust', '-U', 'postgres', '-D', postgres.dataDir]);
      postgres.ctl('start');
      return postgres;
    } catch (error) {
      await postgres.stop();
      throw error;
    }
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private ctlArgs(action: 'start' | 'restart'): string[] {
    // fsync off: this data is thrown away; -w waits until it accepts connections.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    return [path.join(PG_BIN, 'pg_ctl'), '-D', this.dataDir, '-l', path.join(this.dir, 'log'), '-w', '-m', 'fast', '-o', options, action];
  }

  private ctl(action: 'start'): void {
    run(this.ctlArgs(action));
  }

  /** A fresh database for one test; its URL. */
  createDatabase(name: string): string {
    run([path.join(PG_BIN, 'createdb'), '-h', this.dir, '-p', String(this.port), '-U', 'postgres', name]);
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  /** pg_ctl restart -m fast, without blocking this process: every session is cut, then it accepts connections again. */
  restart(): Promise<void> {
    return runAsync(this.ctlArgs('restart'));
  }

  async stop(): Promise<void> {
    if (existsSync(path.join(this.dataDir, 'postmaster.pid'))) {
      try {
        run([path.join(PG_BIN, 'pg_ctl'), '-D', this.dataDir, '-w', '-m', 'immediate', 'stop']);
      } catch (error) {
        console.warn(String(error));
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A nats-server of the suite's own on a free port; restart() stops it and starts it again on that port. */
export class OwnNats {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnNats> {
    const nats = new OwnNats(await freePort());
    await nats.spawn();
    return nats;
  }

  private async spawn(): Promise<void> {
    const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(this.port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 10_000;
    while (!output.includes('Server is ready')) {
      if (child.exitCode !== null) throw new Error(`nats-server exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`nats-server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async restart(downMs: number): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.spawn();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Both services, or null after a loud warning when they cannot start on a developer machine;
 * under CI=true that is a failure.
 */
export async function startOwnServices(): Promise<{ postgres: OwnPostgres; nats: OwnNats } | null> {
  let postgres: OwnPostgres | null = null;
  try {
    postgres = await OwnPostgres.start();
    return { postgres, nats: await OwnNats.start() };
  } catch (error) {
    await postgres?.stop();
    if (process.env.CI === 'true') throw error;
    console.warn(`\n!!! The cluster suite's own PostgreSQL and NATS did not start: SKIPPING it.\n${String(error)}\n`);
    return null;
  }
}
