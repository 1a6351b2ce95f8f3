import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkInferenceProcess } from '../ai/fork-inference.js';
import { InferenceClient } from '../ai/inference-client.js';
import { LanguageService } from '../ai/language-service.js';
import { scanInstalledModels } from '../ai/model-library.js';
import { writeTinyMarian } from '../ai/testing/tiny-models.js';
import { QueryTranslation } from './query-translation.js';

/** The question translated by the real inference process, with tiny random pair models (their words are nonsense by design). */
describe('query translation with installed pair models', () => {
  let dir: string;
  let client: InferenceClient;
  let language: LanguageService;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kb-qt-'));
    writeTinyMarian(dir, 'opus-mt-th-en');
    writeTinyMarian(dir, 'opus-mt-en-es', { seed: 2 });
    client = new InferenceClient({ launch: forkInferenceProcess, log: () => {} });
    language = new LanguageService(client, () => scanInstalledModels([dir]));
  });
  afterAll(() => {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('translates into each article language an installed route covers, and no other', async () => {
    // A generous budget: the first job loads the models.
    const translation = new QueryTranslation(language, 60_000);
    const results = await translation.translations('อยากเปลี่ยนที่อยู่สำหรับจัดส่งพัสดุ', 'th', ['en', 'es', 'de', 'th']);
    // Thai → English directly, Thai → Spanish through English; German has no model, Thai is the question's own.
    expect(results.map((result) => result.language).sort()).toEqual(['en', 'es']);
    for (const result of results) expect(result.text.trim().length).toBeGreaterThan(0);
  });

  it('returns what it has at its budget: nothing, when no translation came in time', async () => {
    const translation = new QueryTranslation(language, 0);
    expect(await translation.translations('ขอเปลี่ยนที่อยู่ใหม่', 'th', ['en', 'es'])).toEqual([]);
  });
});
