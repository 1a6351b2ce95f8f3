import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkInferenceProcess } from './fork-inference.js';
import { InferenceClient } from './inference-client.js';
import { LanguageService } from './language-service.js';
import { scanInstalledModels } from './model-library.js';
import { writeTinyBert, writeTinyM2M100, writeTinyMarian } from './testing/tiny-models.js';

/** Routes found from the model folders, run in the real inference process on tiny models. */
describe('language service', () => {
  let dir: string;
  let client: InferenceClient;
  let service: LanguageService;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'language-service-'));
    writeTinyMarian(dir, 'opus-mt-th-en');
    writeTinyMarian(dir, 'opus-mt-en-es', { seed: 2 });
    writeTinyM2M100(dir, 'm2m100_418M');
    writeTinyBert(dir, 'paraphrase-multilingual-MiniLM-L12-v2');
    client = new InferenceClient({ launch: forkInferenceProcess, log: () => {} });
    service = new LanguageService(client, () => scanInstalledModels([dir]));
  });

  afterAll(() => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every model in the folder, with its languages and file type', () => {
    const installed = scanInstalledModels([dir]);
    expect(installed.translation.map((m) => [m.id, m.dtype])).toEqual([
      ['m2m100_418M', 'fp32'],
      ['opus-mt-en-es', 'fp32'],
      ['opus-mt-th-en', 'fp32'],
    ]);
    expect(installed.embedding?.id).toBe('paraphrase-multilingual-MiniLM-L12-v2');
  });

  it('translates through English with two pair models', async () => {
    const translated = await service.translate('สวัสดีค่ะ', 'th', 'es');
    expect(translated?.model).toBe('opus-mt-th-en → opus-mt-en-es');
    expect(translated?.body.length).toBeGreaterThan(0);
  });

  it('uses the many-to-many model where no pair model leads, telling it the languages', async () => {
    const toVietnamese = await service.translate('Hola, ¿dónde está mi pedido?', 'es', 'vi');
    const toIndonesian = await service.translate('Hola, ¿dónde está mi pedido?', 'es', 'id');
    expect(toVietnamese?.model).toBe('m2m100_418M');
    expect(toVietnamese?.body).not.toBe(toIndonesian?.body);
  });

  it('says there is no route when nothing covers the pair, and embeds with the sentence model', async () => {
    expect(service.canTranslate('ja', 'ko')).toBe(false);
    expect(await service.translate('こんにちは', 'ja', 'ko')).toBeNull();
    const vectors = await service.embed(['refund please', 'reembolso por favor']);
    expect(vectors?.map((v) => v.length)).toEqual([32, 32]);
  });

  it('never hands the models a card number: the agent\'s own words are masked on the way in', async () => {
    const jobs: unknown[] = [];
    const run = client.run.bind(client);
    client.run = ((job, options) => {
      jobs.push(job);
      return run(job, options);
    }) as typeof client.run;
    try {
      await service.translate('My card is 4111 1111 1111 1111, order 1234', 'th', 'es');
      await service.embed(['refund to 5555 5555 5555 4444 please']);
    } finally {
      client.run = run;
    }
    const sent = JSON.stringify(jobs);
    expect(sent).toContain('My card is •••• 1111, order 1234');
    expect(sent).toContain('refund to •••• 4444 please');
    expect(sent).not.toMatch(/4111 1111|5555 5555/);
  });
});
