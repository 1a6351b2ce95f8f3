import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve('src-relay/cli.ts');


/** `node --import tsx src-relay/cli.ts --demo` as a child, for tests that kill it with SIGKILL. */
export class RelayProcess {
  private output = '';
  private readonly exited: Promise<void>;
  dead = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.dead = true;
        resolve();
      }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `demo: false` starts a node on a database another node seeds; `env` adds e.g. RELAY_DATABASE_URL; `script` runs another entry point than the CLI. */
  static async start(dbPath: string, port: number, { demo = true, env = {}, script = CLI }: { demo?: boolean; env?: Record<string, string>; script?: string } = {}): Promise<RelayProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...(demo ? ['--demo'] : [])], {
      env: { ...process.env, RELAY_DB: dbPath, RELAY_PORT: String(port), RELAY_HOST: '127.0.0.1', RELAY_LOG: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const relay = new RelayProcess(child, port);
    const deadline = Date.now() + 20_000;
    while (!relay.output.includes('Relay listening on')) {
      if (relay.dead) throw new Error(`the relay exited: ${relay.output}`);
      if (Date.now() > deadline) {
        await relay.kill();
        throw new Error(`the relay did not start: ${relay.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return relay;
  }

  async kill(): Promise<void> {
    if (!this.dead) this.child.kill('SIGKILL');
    await this.exited;
  }
}
