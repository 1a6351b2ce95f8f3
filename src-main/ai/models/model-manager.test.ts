import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelInfo } from '../../../src-shared/api/contract.js';
import { writeTinyMarian } from '../testing/tiny-models.js';
import { Catalog, type CatalogInput } from './catalog.js';
import { ModelManager, type ModelFolder } from './model-manager.js';
import { startFakeHub, type FakeHub } from './testing/fake-hub.js';

const FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const DECODER = 'onnx/decoder_model_merged_quantized.onnx';

function catalog(): Catalog {
  const pair = (source: string, target: string) => ({
    id: `opus-mt-${source}-${target}`,
    repo: `Xenova/opus-mt-${source}-${target}`,
    task: 'translation' as const,
    source,
    target,
    licence: 'CC-BY-4.0',
    dtype: 'q8' as const,
    sizeBytes: 110_000_000,
    files: FILES,
  });
  const input: CatalogInput = {
    models: [
      pair('es', 'en'),
      pair('xx', 'en'),
      { id: 'm2m100_418M', repo: 'Xenova/m2m100_418M', task: 'translation', multilingual: true, languages: ['en', 'es', 'th'], licence: 'MIT', dtype: 'q8', files: FILES },
    ],
  };
  return Catalog.parse(input);
}

describe('model manager', () => {
  let content: Record<string, Buffer>;
  let dir: string;
  let hub: FakeHub | null = null;

  beforeAll(() => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'hub-content-'));
    const folder = writeTinyMarian(scratch, 'opus-mt-es-en');
    content = Object.fromEntries(FILES.map((file) => [file, readFileSync(path.join(folder, file))]));
    rmSync(scratch, { recursive: true, force: true });
  });

  afterEach(async () => {
    await hub?.close();
    hub = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(): Promise<{ manager: ModelManager; user: string; admin: string; hub: FakeHub; seen: ModelInfo[] }> {
    dir = mkdtempSync(path.join(tmpdir(), 'model-manager-'));
    hub = await startFakeHub({ 'Xenova/opus-mt-es-en': content });
    const user = path.join(dir, 'user');
    const admin = path.join(dir, 'admin');
    const folders: ModelFolder[] = [
      { path: user, source: 'user' },
      { path: admin, source: 'admin' },
    ];
    const manager = new ModelManager({ catalog: catalog(), folders, hubUrl: hub.url });
    const seen: ModelInfo[] = [];
    manager.onChange(() => seen.push(info(manager, 'opus-mt-es-en')));
    return { manager, user, admin, hub, seen };
  }

  const info = (manager: ModelManager, id: string): ModelInfo => {
    const found = manager.list().find((model) => model.id === id);
    if (!found) throw new Error(`${id} is not listed`);
    // Whatever the manager lists must pass the api's own schema.
    return ModelInfo.parse(found);
  };

  it('lists the catalog, downloads a model with progress and lists it installed', async () => {
    const { manager, user, seen } = await setUp();
    let installs = 0;
    manager.onInstall(() => installs++);
    expect(manager.list().map((model) => [model.id, model.languages, model.state])).toEqual([
      ['opus-mt-es-en', 'es → en', 'available'],
      ['opus-mt-xx-en', 'xx → en', 'available'],
      ['m2m100_418M', '3 languages', 'available'],
    ]);
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({ licence: 'CC-BY-4.0', sizeBytes: 110_000_000, folder: null, source: null, progress: null, error: null });

    manager.download('opus-mt-es-en');
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({ state: 'downloading', progress: { done: 0 } });
    await manager.idle();

    const total = FILES.reduce((sum, file) => sum + content[file]!.length, 0);
    expect(info(manager, 'opus-mt-es-en')).toEqual({
      id: 'opus-mt-es-en',
      task: 'translation',
      languages: 'es → en',
      licence: 'CC-BY-4.0',
      sizeBytes: total,
      state: 'installed',
      folder: path.join(user, 'opus-mt-es-en'),
      source: 'user',
      progress: null,
      error: null,
      failure: null,
    });
    expect(installs).toBe(1);
    expect(seen[0]?.state).toBe('downloading');
    expect(seen.at(-1)?.state).toBe('installed');
    const done = seen.flatMap((model) => (model.progress ? [model.progress.done] : []));
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('keeps the reason a download failed, and clears it on the next try', async () => {
    const { manager } = await setUp();
    manager.download('opus-mt-xx-en');
    await manager.idle();
    expect(info(manager, 'opus-mt-xx-en')).toMatchObject({ state: 'available', error: expect.stringMatching(/^opus-mt-xx-en: config\.json: .*Xenova\/opus-mt-xx-en\/resolve\/main\/config\.json was not found \(404\)/), failure: 'not-found' });
    manager.download('opus-mt-xx-en');
    expect(info(manager, 'opus-mt-xx-en')).toMatchObject({ state: 'downloading', error: null });
    await manager.idle();
  });

  it('treats a cancel as no failure, and resumes afterwards', async () => {
    const { manager, user, hub } = await setUp();
    hub.stallOnce(DECODER, 5_000);
    manager.download('opus-mt-es-en');
    // The server stalls after 5,000 bytes of the decoder: cancel once they are on disk.
    const part = path.join(user, '.downloads', 'opus-mt-es-en', `${DECODER}.part`);
    for (const started = Date.now(); sizeOf(part) < 5_000; ) {
      if (Date.now() - started > 10_000) throw new Error('the decoder never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(info(manager, 'opus-mt-es-en').state).toBe('downloading');
    manager.cancel('opus-mt-es-en');
    await manager.idle();
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({ state: 'available', error: null });

    manager.download('opus-mt-es-en');
    await manager.idle();
    expect(info(manager, 'opus-mt-es-en').state).toBe('installed');
    expect(hub.requests.filter((r) => r.server === 'cdn' && r.range !== null).map((r) => r.range)).toEqual(['bytes=5000-']);
    expect(readFileSync(path.join(user, 'opus-mt-es-en', DECODER)).equals(content[DECODER]!)).toBe(true);
  });

  it('lists an administrator’s and a hand-placed model, and says when a copy is incomplete', async () => {
    const { manager, user, admin } = await setUp();
    const place = (root: string, id: string, files: string[]) => {
      for (const file of files) {
        mkdirSync(path.dirname(path.join(root, id, file)), { recursive: true });
        writeFileSync(path.join(root, id, file), file === 'config.json' ? '{"model_type":"marian"}' : 'x');
      }
    };
    place(admin, 'opus-mt-es-en', FILES);
    place(admin, 'opus-mt-th-en', FILES);
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({ state: 'installed', source: 'admin', folder: path.join(admin, 'opus-mt-es-en'), sizeBytes: 23 + 5 });
    expect(info(manager, 'opus-mt-th-en')).toMatchObject({ state: 'installed', source: 'admin', task: 'translation', languages: 'th → en', licence: 'unknown', error: null });

    // A copy in the user's folder shadows the administrator's, even an incomplete one: say so.
    place(user, 'opus-mt-es-en', ['config.json', 'tokenizer.json']);
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({
      state: 'available',
      source: 'user',
      sizeBytes: 110_000_000,
      error: `The copy in ${path.join(user, 'opus-mt-es-en')} is incomplete: generation_config.json, tokenizer_config.json, onnx/encoder_model_quantized.onnx, onnx/decoder_model_merged_quantized.onnx missing.`,
    });
    // Downloading replaces it with a whole one.
    manager.download('opus-mt-es-en');
    await manager.idle();
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({ state: 'installed', source: 'user', error: null });
  });

  it('keeps downloads within the disk budget the agent chose, kept in the user folder', async () => {
    const { manager, user, hub } = await setUp();
    expect(manager.budget()).toEqual({ usedBytes: 0, budgetBytes: 3_000_000_000 });
    manager.setBudget(100_000_000);
    expect(await manager.fetch('opus-mt-es-en')).toBe('over-budget');
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({ state: 'available', failure: 'over-budget', error: expect.stringContaining('does not fit in the disk budget for models (0 of 100 MB used)') });
    expect(hub.requests).toEqual([]);

    manager.setBudget(200_000_000);
    expect(await manager.fetch('opus-mt-es-en')).toBeNull();
    const total = FILES.reduce((sum, file) => sum + content[file]!.length, 0);
    // Kept on the desk: another manager on the same folder reads it.
    const again = new ModelManager({ catalog: catalog(), folders: [{ path: user, source: 'user' }], hubUrl: hub.url });
    expect(again.budget()).toEqual({ usedBytes: total, budgetBytes: 200_000_000 });
  });

  it('says a source that cannot be reached is offline', async () => {
    const { user } = await setUp();
    const closed = await startFakeHub({});
    await closed.close();
    const manager = new ModelManager({ catalog: catalog(), folders: [{ path: user, source: 'user' }], hubUrl: closed.url });
    expect(await manager.fetch('opus-mt-es-en')).toBe('offline');
    expect(info(manager, 'opus-mt-es-en')).toMatchObject({ state: 'available', failure: 'offline', error: expect.stringContaining('Cannot reach') });
  });

  it('refuses a model the catalog does not offer', async () => {
    const { manager } = await setUp();
    expect(() => manager.download('nllb-200-distilled-600M')).toThrow('There is no model "nllb-200-distilled-600M" in the catalog.');
  });
});

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
