import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forkInferenceProcess } from './fork-inference.js';
import { InferenceClient } from './inference-client.js';
import { writeTinyBert, writeTinyMarian } from './testing/tiny-models.js';

/** The real inference process (a forked Node child) running the tiny models. */
describe('inference process', () => {
  let dir: string;
  let marian: string;
  let bert: string;
  const clients: InferenceClient[] = [];
  const pids: (number | undefined)[] = [];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'inference-'));
    marian = writeTinyMarian(dir, 'opus-mt-es-en');
    bert = writeTinyBert(dir, 'tiny-bert');
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    pids.length = 0;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function start(attempts = 2): InferenceClient {
    const client = new InferenceClient({
      launch: () => {
        const channel = forkInferenceProcess();
        pids.push(channel.pid);
        return channel;
      },
      attempts,
      restartDelayMs: 10,
      log: () => {},
    });
    clients.push(client);
    return client;
  }

  const translate = (text: string) => ({ task: 'translate' as const, modelPath: marian, dtype: 'q8' as const, text });

  it('translates and embeds with models loaded from disk', async () => {
    const client = start();
    const { text } = await client.run(translate('Hola, ¿dónde está mi pedido?\n\nGracias.'));
    expect(text.length).toBeGreaterThan(0);
    // Layout survives: the blank line between the two sentences is kept as written.
    expect(text).toContain('\n\n');
    const { vectors } = await client.run({ task: 'embed', modelPath: bert, dtype: 'fp32', texts: ['refund please', 'reembolso'] });
    expect(vectors).toHaveLength(2);
    expect(Math.hypot(...(vectors[0] ?? []))).toBeCloseTo(1, 4);
  });

  it('fails a job for a missing model with a clear message and keeps serving', async () => {
    const client = start();
    await expect(client.run({ ...translate('hola'), modelPath: path.join(dir, 'opus-mt-xx-yy') })).rejects.toMatchObject({
      reason: 'failed',
      message: expect.stringMatching(/not found|could not locate|no such file/i),
    });
    await expect(client.run(translate('hola'))).resolves.toHaveProperty('text');
  });

  it('runs a job again in a new process when the process is killed while working on it', async () => {
    const client = start(2);
    const pending = client.run(translate('Mi pedido no llegó.'));
    // The process is still starting: the job is sent and unanswered when it dies.
    process.kill(pids[0] as number, 'SIGKILL');
    await expect(pending).resolves.toHaveProperty('text');
    expect(pids).toHaveLength(2);
  });

  it('fails the job cleanly when the retry dies too, and serves the next one', async () => {
    const client = start(1);
    const pending = client.run(translate('Quiero un reembolso.'));
    process.kill(pids[0] as number, 'SIGKILL');
    await expect(pending).rejects.toMatchObject({ reason: 'crashed' });
    await expect(client.run(translate('Gracias.'))).resolves.toHaveProperty('text');
  });

  it('stops a long translation when cancelled and moves on', async () => {
    const client = start();
    await client.run(translate('Hola.'));
    const abort = new AbortController();
    const long = client.run(translate(Array.from({ length: 300 }, (_, i) => `Frase número ${i}.`).join(' ')), { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(long).rejects.toMatchObject({ reason: 'cancelled' });
    const started = Date.now();
    await expect(client.run(translate('Adiós.'))).resolves.toHaveProperty('text');
    // Not queued behind the 300 sentences (a loose bound: the point is it did not run them all).
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
