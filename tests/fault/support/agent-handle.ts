import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CacheSnapshot } from '../../../src-main/core/workstation.js';

const SCRIPT = path.resolve('tests/fault/support/agent-process.ts');

export interface AgentState {
  state: string;
  pendingCount: number;
  outboxCount: number;
  cursor: number;
  conversationIds: string[];
}

/** The parent's end of agent-process.ts: JSON-line commands, answers in order, SIGKILL. */
export class AgentHandle {
  private readonly waiting: { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void }[] = [];
  private readonly exited: Promise<void>;
  private readonly ready: Promise<void>;
  private stderr = '';
  dead = false;

  private constructor(private readonly child: ChildProcess) {
    let markReady!: () => void;
    let failReady!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.ready.catch(() => undefined);
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (value.ready === true) return markReady();
      this.waiting.shift()?.resolve(value);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        this.dead = true;
        const error = new Error(`agent process exited${this.stderr ? `: ${this.stderr}` : ''}`);
        failReady(error);
        for (const w of this.waiting.splice(0)) w.reject(error);
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Spawns the agent; resolves once it has opened its cache (and signed in if it had no session). */
  static async start(dbPath: string, relayUrl: string, email = 'mei@demo.test'): Promise<AgentHandle> {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dbPath, relayUrl, email], { stdio: ['pipe', 'pipe', 'pipe'] });
    const handle = new AgentHandle(child);
    await handle.ready;
    return handle;
  }

  private request(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.dead) return Promise.reject(new Error('agent process is dead'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin!.write(JSON.stringify(command) + '\n');
    });
  }

  async reply(conversationId: string, body: string): Promise<string> {
    const answer = await this.request({ cmd: 'reply', conversationId, body });
    if (answer.ok !== true) throw new Error(`reply failed: ${String(answer.error)}`);
    return answer.id as string;
  }

  async state(): Promise<AgentState> {
    const answer = await this.request({ cmd: 'state' });
    if (answer.ok !== true) throw new Error(`state failed: ${String(answer.error)}`);
    return answer as unknown as AgentState;
  }

  async snapshot(): Promise<CacheSnapshot> {
    const answer = await this.request({ cmd: 'snapshot' });
    if (answer.ok !== true) throw new Error(`snapshot failed: ${String(answer.error)}`);
    return answer.snapshot as CacheSnapshot;
  }

  /** kill -9, and wait until the process is gone. */
  async kill(): Promise<void> {
    if (!this.dead) this.child.kill('SIGKILL');
    await this.exited;
  }
}
