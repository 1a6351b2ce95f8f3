import { describe, expect, it } from 'vitest';
import { InferenceClient, InferenceError, type InferenceChannel } from './inference-client.js';
import { FromWorker, ToWorker, type TranslateJob } from './inference-protocol.js';

/**
 * A stand-in inference process that speaks the real protocol and answers when the test says,
 * so the queue's order, de-duplication and cancellation can be observed step by step. The real
 * process is exercised in inference-process.test.ts.
 */
class ScriptedProcess implements InferenceChannel {
  readonly received: ToWorker[] = [];
  private listener: (message: unknown) => void = () => {};
  private exitListener: (detail: string) => void = () => {};

  send(message: ToWorker): void {
    this.received.push(ToWorker.parse(message));
  }
  onMessage(listener: (message: unknown) => void): void {
    this.listener = listener;
  }
  onExit(listener: (detail: string) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.exitListener('killed');
  }
  runs(): Extract<ToWorker, { type: 'run' }>[] {
    return this.received.filter((m): m is Extract<ToWorker, { type: 'run' }> => m.type === 'run');
  }
  answer(id: number, text: string): void {
    this.listener(FromWorker.parse({ type: 'done', id, result: { text } }));
  }
  crash(): void {
    this.exitListener('exit code 134');
  }
}

function job(text: string): TranslateJob {
  return { task: 'translate', modelPath: '/models/opus-mt-es-en', dtype: 'q8', text };
}

function setUp(options: { attempts?: number } = {}) {
  const processes: ScriptedProcess[] = [];
  const client = new InferenceClient({
    launch: () => {
      const process = new ScriptedProcess();
      processes.push(process);
      return process;
    },
    log: () => {},
    restartDelayMs: 1,
    ...options,
  });
  return { client, processes, current: () => processes.at(-1) as ScriptedProcess };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('inference client', () => {
  it('runs one job at a time, interactive ones ahead of background ones', async () => {
    const { client, current } = setUp();
    const first = client.run(job('uno'));
    const background = client.run(job('dos'));
    const interactive = client.run(job('tres'), { priority: 'interactive' });
    expect(current().runs().map((r) => r.job)).toEqual([job('uno')]);
    current().answer(current().runs()[0]!.id, 'one');
    await expect(first).resolves.toEqual({ text: 'one' });
    expect(current().runs().map((r) => (r.job as TranslateJob).text)).toEqual(['uno', 'tres']);
    current().answer(current().runs()[1]!.id, 'three');
    await expect(interactive).resolves.toEqual({ text: 'three' });
    current().answer(current().runs()[2]!.id, 'two');
    await expect(background).resolves.toEqual({ text: 'two' });
  });

  it('runs an identical job once for every caller', async () => {
    const { client, current } = setUp();
    const a = client.run(job('hola'));
    const b = client.run(job('hola'));
    current().answer(current().runs()[0]!.id, 'hello');
    await expect(Promise.all([a, b])).resolves.toEqual([{ text: 'hello' }, { text: 'hello' }]);
    expect(current().runs()).toHaveLength(1);
  });

  it('drops a queued job whose callers gave up, and cancels a running one', async () => {
    const { client, current } = setUp();
    const running = new AbortController();
    const queued = new AbortController();
    const a = client.run(job('a'), { signal: running.signal });
    const b = client.run(job('b'), { signal: queued.signal });
    const c = client.run(job('c'));
    queued.abort();
    await expect(b).rejects.toMatchObject({ reason: 'cancelled' });
    running.abort();
    await expect(a).rejects.toMatchObject({ reason: 'cancelled' });
    expect(current().received.at(-1)).toEqual({ type: 'cancel', id: current().runs()[0]!.id });
    // The process confirms the cancel; the next job is c, b never runs.
    current().answer(current().runs()[0]!.id, 'late');
    current().answer(current().runs()[1]!.id, 'C');
    await expect(c).resolves.toEqual({ text: 'C' });
    expect(current().runs().map((r) => (r.job as TranslateJob).text)).toEqual(['a', 'c']);
  });

  it('keeps a job running while another caller still wants it', async () => {
    const { client, current } = setUp();
    const leaving = new AbortController();
    const a = client.run(job('x'), { signal: leaving.signal });
    const b = client.run(job('x'));
    leaving.abort();
    await expect(a).rejects.toBeInstanceOf(InferenceError);
    expect(current().received.some((m) => m.type === 'cancel')).toBe(false);
    current().answer(current().runs()[0]!.id, 'X');
    await expect(b).resolves.toEqual({ text: 'X' });
  });

  it('restarts a crashed process and runs the job again, then fails it cleanly if it crashes again', async () => {
    const { client, processes, current } = setUp({ attempts: 2 });
    const result = client.run(job('boom'));
    current().crash();
    await tick();
    expect(processes).toHaveLength(2);
    expect(current().runs().map((r) => (r.job as TranslateJob).text)).toEqual(['boom']);
    current().crash();
    await expect(result).rejects.toMatchObject({ reason: 'crashed' });
    await tick();
    const next = client.run(job('after'));
    await tick();
    current().answer(current().runs()[0]!.id, 'fine');
    await expect(next).resolves.toEqual({ text: 'fine' });
    expect(processes).toHaveLength(3);
  });

  it('ignores messages that do not follow the protocol', async () => {
    const { client, current } = setUp();
    const result = client.run(job('hola'));
    const id = current().runs()[0]!.id;
    (current() as unknown as { listener: (m: unknown) => void }).listener({ type: 'done', id, result: 'not an object' });
    current().answer(id, 'hello');
    await expect(result).resolves.toEqual({ text: 'hello' });
  });

  it('fails everything waiting when closed', async () => {
    const { client } = setUp();
    const a = client.run(job('a'));
    const b = client.run(job('b'));
    client.close();
    await expect(a).rejects.toMatchObject({ reason: 'closed' });
    await expect(b).rejects.toMatchObject({ reason: 'closed' });
    await expect(client.run(job('c'))).rejects.toMatchObject({ reason: 'closed' });
  });
});
