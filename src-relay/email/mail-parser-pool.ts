import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InboundMail } from './parse-mail.js';

/** What the pool asks of a thread (mail-parser-worker.ts): one mail's raw bytes. */
export interface ParseJob {
  id: number;
  raw: Uint8Array;
}

/** A thread's answer: the mail (its files' bytes transferred), or why mailparser refused it. */
export type ParseAnswer = { id: number; ok: true; mail: InboundMail } | { id: number; ok: false; error: string };

/** A mail that cannot be read: the parser refused it, or it stopped the parser's thread twice by itself (out of memory, out of time). */
export class UnreadableMail extends Error {
  override readonly name = 'UnreadableMail';
}

/** The pool closed (the relay is stopping) before the mail was read: nothing is wrong with the mail; read it again later. */
export class MailParserPoolClosed extends Error {
  override readonly name = 'MailParserPoolClosed';
  constructor() {
    super('The mail parser pool is closed: the mail was not read.');
  }
}

/** Why a thread stopped, and whether the mail it was reading is to blame (it ran out of memory or time). */
interface Stop {
  why: string;
  mailsFault: boolean;
}

export interface MailParserPoolOptions {
  /** How many threads at most; default: the cores but one, at most 2, at least 1. */
  threads?: number;
  /** A thread's old generation, MB: room for the largest mail the relay takes (below). */
  heapMb?: number;
  /** A thread's young generation, MB. */
  youngMb?: number;
  /** One mail's time before its thread is stopped. */
  timeoutMs?: number;
  /** An idle thread stops after this long, giving its memory back. */
  idleMs?: number;
}

/**
 * A mail of 25 MB (the SMTP receiver's default limit) in one HTML part needs between 128 and
 * 192 MB of heap at its peak to read (decoded, charset-converted and joined strings); a hostile
 * mail that needs more than 256 stops its thread, not the relay (docs/email.md).
 */
const DEFAULTS: Required<MailParserPoolOptions> = {
  threads: Math.max(1, Math.min(2, availableParallelism() - 1)),
  heapMb: 256,
  youngMb: 12,
  timeoutMs: 60_000,
  idleMs: 60_000,
};

interface Job {
  id: number;
  raw: Buffer;
  /** Times a thread stopped under this mail: the first is tried again on a new thread, the second makes it unreadable. */
  stops: number;
  /** The bytes are moved to the thread, not copied (parse's handOver, when they can move): a thread that stops under the mail takes them with it. */
  handOver: boolean;
  resolve(mail: InboundMail): void;
  reject(error: Error): void;
}

/**
 * Parses mail on worker threads (mail-parser-worker.ts), one mail per thread at a time, in the
 * order asked. Why: mailparser makes some ten times a mail's size in short-lived strings and
 * Buffers; here they are made and collected in the thread's own heap, small and bounded, not in
 * the relay's, where they filled the old generation and the Buffers (docs/email.md, "Parser
 * threads and cheaper transactions"); a big mail no longer holds the relay's event loop, and a
 * hostile one stops its thread, not the relay. A thread that stops under a mail (out of its
 * memory, out of time, or killed) is replaced, and the mail tried once more on the new one
 * (unless its bytes were handed over, see parse). Stopping that one too by running out of memory
 * or time makes it an UnreadableMail; any other stop (a thread that cannot start) is the relay's
 * failure, not the mail's, and rejects with a plain Error, so the mail is kept to be read again.
 * The mails queued behind it are unaffected.
 */
export class MailParserPool {
  private readonly settings: Required<MailParserPoolOptions>;
  private readonly queue: Job[] = [];
  private readonly threads = new Set<ParserThread>();
  private nextId = 1;
  private closed = false;

  constructor(options: MailParserPoolOptions = {}) {
    this.settings = { ...DEFAULTS, ...options };
  }

  /**
   * The mail read. `handOver`: the caller is done with `raw` (an IMAP batch's sources): its bytes
   * are moved to the thread instead of copied there, and `raw` is left empty. Such a mail is not
   * tried again when its thread stops under it (its bytes went with the thread): out of memory or
   * time it is unreadable, any other stop a plain Error, and the caller reads it again from its source.
   */
  parse(raw: Buffer, { handOver = false } = {}): Promise<InboundMail> {
    if (this.closed) return Promise.reject(new MailParserPoolClosed());
    return new Promise((resolve, reject) => {
      // Only bytes that are all of their ArrayBuffer can move (a small Buffer is a slice of Node's shared pool): others are copied.
      const moves = handOver && raw.byteLength > 0 && raw.byteOffset === 0 && raw.buffer.byteLength === raw.byteLength;
      this.queue.push({ id: this.nextId++, raw, stops: 0, handOver: moves, resolve, reject });
      this.dispatch();
    });
  }

  /** Refuses new mail, and the mail queued or under way (MailParserPoolClosed); stops the threads. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new MailParserPoolClosed());
    await Promise.all([...this.threads].map((thread) => thread.stop()));
  }

  /** How many threads run now (for tests). */
  get threadCount(): number {
    return this.threads.size;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const thread = [...this.threads].find((candidate) => candidate.idle) ?? (this.threads.size < this.settings.threads ? this.startThread() : null);
      if (!thread) return;
      thread.run(this.queue.shift()!);
    }
  }

  private startThread(): ParserThread {
    const thread = new ParserThread(this.settings, {
      answered: () => this.dispatch(),
      stopped: (job, stop) => {
        this.threads.delete(thread);
        if (job) this.afterStop(job, stop);
        this.dispatch();
      },
    });
    this.threads.add(thread);
    return thread;
  }

  private afterStop(job: Job, { why, mailsFault }: Stop): void {
    if (this.closed) return job.reject(new MailParserPoolClosed());
    job.stops += 1;
    if (job.stops < 2 && !job.handOver) return void this.queue.unshift(job);
    job.reject(mailsFault ? new UnreadableMail(`The mail could not be read: ${why}.`) : new Error(`The mail parser failed: ${why}.`));
  }
}

/** One worker thread and the mail it is parsing, if any. */
class ParserThread {
  private readonly worker: Worker;
  private job: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Why the thread stopped, once known (its error comes before its exit). */
  private stopped: Stop | null = null;
  private readonly exited: Promise<void>;

  constructor(
    private readonly settings: Required<MailParserPoolOptions>,
    private readonly pool: { answered(): void; stopped(job: Job | null, stop: Stop): void },
  ) {
    this.worker = startWorker(settings);
    // Only a mail under way keeps the process up (run() refs it): an idle thread must not.
    this.worker.unref();
    this.worker.on('message', (answer: ParseAnswer) => this.answered(answer));
    this.worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.stopped ??= outOfMemory ? { why: `reading it needs more than the parser's ${settings.heapMb} MB of memory`, mailsFault: true } : { why: error.message, mailsFault: false };
    });
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.clearTimer();
        const job = this.job;
        this.job = null;
        this.pool.stopped(job, this.stopped ?? { why: `its thread stopped (exit code ${code})`, mailsFault: false });
        resolve();
      }),
    );
    this.idleTimer();
  }

  get idle(): boolean {
    return this.job === null && this.stopped === null;
  }

  run(job: Job): void {
    this.job = job;
    this.worker.ref();
    this.clearTimer();
    const seconds = Math.round(this.settings.timeoutMs / 1000);
    this.timer = setTimeout(() => this.kill({ why: `reading it took longer than ${seconds} s`, mailsFault: true }), this.settings.timeoutMs);
    try {
      this.worker.postMessage({ id: job.id, raw: job.raw } satisfies ParseJob, job.handOver ? [job.raw.buffer as ArrayBuffer] : []);
    } catch (error) {
      // Bytes that cannot be sent (moved elsewhere already): nothing any thread could read.
      this.answered({ id: job.id, ok: false, error: `The mail's bytes cannot be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  stop(): Promise<void> {
    this.kill({ why: 'the relay is stopping', mailsFault: false });
    return this.exited;
  }

  private kill(stop: Stop): void {
    this.stopped ??= stop;
    void this.worker.terminate();
  }

  private answered(answer: ParseAnswer): void {
    const job = this.job;
    if (!job || answer.id !== job.id) return;
    this.job = null;
    this.worker.unref();
    this.idleTimer();
    if (answer.ok) job.resolve({ ...answer.mail, files: answer.mail.files.map((file) => ({ ...file, content: asBuffer(file.content) })) });
    else job.reject(new UnreadableMail(answer.error));
    this.pool.answered();
  }

  private idleTimer(): void {
    this.clearTimer();
    this.timer = setTimeout(() => this.kill({ why: 'idle', mailsFault: false }), this.settings.idleMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * The thread, from its compiled file (dist, plain node); from sources (tsx, vitest) the worker
 * is a .ts file that plain node cannot load in a thread, so it is imported through tsx's API.
 */
function startWorker(settings: Required<MailParserPoolOptions>): Worker {
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  const script = pathToFileURL(path.join(path.dirname(here), `mail-parser-worker${extension}`));
  const resourceLimits = { maxOldGenerationSizeMb: settings.heapMb, maxYoungGenerationSizeMb: settings.youngMb };
  if (extension !== '.ts') return new Worker(script, { resourceLimits });
  const source = `import(${JSON.stringify(tsxApiUrl())}).then((api) => api.tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(script.href)}))`;
  return new Worker(source, { eval: true, resourceLimits });
}

/** tsx's API as an ES module (a thread's eval'd code resolves no package names of its own). */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/** Bytes that came through postMessage (a plain Uint8Array) as the Buffer the rest of the relay takes. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The relay's pool: threads start with the first mail and stop when idle. */
export const mailParsers = new MailParserPool();
