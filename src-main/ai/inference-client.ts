import { FromWorker, type InferenceJob, type JobResult, type ToWorker } from './inference-protocol.js';

/** The core's end of a running inference process (a forked child or an Electron utility process). */
export interface InferenceChannel {
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, however the process ended. */
  onExit(listener: (detail: string) => void): void;
  kill(): void;
}

export type LaunchInference = () => InferenceChannel;

/** Interactive work (the reply preview the agent is waiting for) goes ahead of background work. */
export type InferencePriority = 'interactive' | 'background';

export type InferenceFailure = 'cancelled' | 'crashed' | 'failed' | 'closed';

export class InferenceError extends Error {
  constructor(
    message: string,
    readonly reason: InferenceFailure,
  ) {
    super(message);
    this.name = 'InferenceError';
  }
}

export interface InferenceClientOptions {
  launch: LaunchInference;
  log?: (message: string) => void;
  /** A job whose process died is run this many times in all before it fails. */
  attempts?: number;
  /** A job running longer than this is taken as a hung process: it is killed and restarted. */
  jobTimeoutMs?: number;
  /** Waits before restarting after consecutive crashes: this, doubled each time, at most 30 s. */
  restartDelayMs?: number;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: InferenceError): void;
}

interface Entry {
  id: number;
  key: string;
  job: InferenceJob;
  priority: InferencePriority;
  waiters: Set<Waiter>;
  runs: number;
}

const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Queues model jobs for the inference process and keeps that process alive. Jobs run one at a
 * time; an identical job asked for twice runs once; a job whose callers all gave up is dropped,
 * or cancelled if it already runs; a crash restarts the process and retries the job once.
 */
export class InferenceClient {
  private readonly queue: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private running: Entry | null = null;
  private channel: InferenceChannel | null = null;
  private timer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private consecutiveCrashes = 0;
  private nextId = 1;
  private closed = false;
  private readonly attempts: number;
  private readonly jobTimeoutMs: number;
  private readonly restartDelayMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: InferenceClientOptions) {
    this.attempts = options.attempts ?? 2;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 120_000;
    this.restartDelayMs = options.restartDelayMs ?? 250;
    this.log = options.log ?? ((message) => console.error(`[inference] ${message}`));
  }

  run<J extends InferenceJob>(job: J, options: { signal?: AbortSignal; priority?: InferencePriority } = {}): Promise<JobResult<J>> {
    if (this.closed) return Promise.reject(new InferenceError('The inference process is shut down.', 'closed'));
    if (options.signal?.aborted) return Promise.reject(cancelledError());
    const entry = this.entryFor(job, options.priority ?? 'background');
    const result = new Promise<JobResult<J>>((resolve, reject) => {
      const waiter: Waiter = { resolve: resolve as (value: unknown) => void, reject };
      entry.waiters.add(waiter);
      options.signal?.addEventListener('abort', () => this.abandon(entry, waiter), { once: true });
    });
    this.pump();
    return result;
  }

  /** Jobs waiting or running, for tests and diagnostics. */
  pendingCount(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    const entries = [...this.queue, ...(this.running ? [this.running] : [])];
    this.queue.length = 0;
    this.running = null;
    this.byKey.clear();
    for (const entry of entries) settle(entry, new InferenceError('The inference process is shut down.', 'closed'));
    this.channel?.kill();
    this.channel = null;
  }

  private entryFor(job: InferenceJob, priority: InferencePriority): Entry {
    const key = JSON.stringify(job);
    const existing = this.byKey.get(key);
    if (existing) {
      if (priority === 'interactive' && existing.priority === 'background' && existing !== this.running) this.promote(existing);
      return existing;
    }
    const entry: Entry = { id: this.nextId++, key, job, priority, waiters: new Set(), runs: 0 };
    this.byKey.set(key, entry);
    this.enqueue(entry);
    return entry;
  }

  private enqueue(entry: Entry): void {
    const firstBackground = this.queue.findIndex((queued) => queued.priority === 'background');
    if (entry.priority === 'interactive' && firstBackground >= 0) this.queue.splice(firstBackground, 0, entry);
    else this.queue.push(entry);
  }

  private promote(entry: Entry): void {
    this.queue.splice(this.queue.indexOf(entry), 1);
    entry.priority = 'interactive';
    this.enqueue(entry);
  }

  private abandon(entry: Entry, waiter: Waiter): void {
    if (!entry.waiters.delete(waiter)) return;
    waiter.reject(cancelledError());
    if (entry.waiters.size > 0) return;
    if (entry === this.running) {
      this.channel?.send({ type: 'cancel', id: entry.id });
      return;
    }
    const index = this.queue.indexOf(entry);
    if (index >= 0) this.queue.splice(index, 1);
    this.byKey.delete(entry.key);
  }

  private pump(): void {
    if (this.closed || this.running || this.restartTimer || this.queue.length === 0) return;
    const channel = this.channel ?? this.start();
    const entry = this.queue.shift() as Entry;
    this.running = entry;
    entry.runs += 1;
    channel.send({ type: 'run', id: entry.id, job: entry.job });
    this.timer = setTimeout(() => this.timedOut(entry), this.jobTimeoutMs);
  }

  private start(): InferenceChannel {
    const channel = this.options.launch();
    this.channel = channel;
    channel.onMessage((message) => this.received(channel, message));
    channel.onExit((detail) => this.exited(channel, detail));
    return channel;
  }

  private received(channel: InferenceChannel, raw: unknown): void {
    if (channel !== this.channel) return;
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) {
      this.log(`ignored a malformed message from the inference process: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'ready' || message.id !== this.running?.id) return;
    const entry = this.finishRunning();
    this.consecutiveCrashes = 0;
    if (message.type === 'done') settle(entry, null, message.result);
    else settle(entry, new InferenceError(message.message, message.cancelled ? 'cancelled' : 'failed'));
    this.pump();
  }

  private exited(channel: InferenceChannel, detail: string): void {
    if (channel !== this.channel) return;
    this.channel = null;
    this.log(`the inference process stopped (${detail})`);
    const entry = this.running ? this.finishRunning() : null;
    if (entry && entry.waiters.size > 0) {
      if (entry.runs < this.attempts) {
        this.byKey.set(entry.key, entry);
        this.queue.unshift(entry);
      } else {
        settle(entry, new InferenceError(`The inference process stopped while working on this (${detail}).`, 'crashed'));
      }
    }
    this.consecutiveCrashes += 1;
    const delay = Math.min(this.restartDelayMs * 2 ** (this.consecutiveCrashes - 1), MAX_RESTART_DELAY_MS);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.pump();
    }, delay);
  }

  private timedOut(entry: Entry): void {
    if (entry !== this.running) return;
    this.log(`a ${entry.job.task} job ran over ${this.jobTimeoutMs} ms; restarting the inference process`);
    this.channel?.kill();
  }

  private finishRunning(): Entry {
    const entry = this.running as Entry;
    this.running = null;
    this.byKey.delete(entry.key);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return entry;
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.timer = null;
    this.restartTimer = null;
  }
}

function settle(entry: Entry, error: InferenceError | null, value?: unknown): void {
  for (const waiter of entry.waiters) {
    if (error) waiter.reject(error);
    else waiter.resolve(value);
  }
  entry.waiters.clear();
}

function cancelledError(): InferenceError {
  return new InferenceError('Cancelled.', 'cancelled');
}
