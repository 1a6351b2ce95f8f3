import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyMarian } from '../testing/tiny-models.js';
import type { Catalog } from './catalog.js';
import { ModelManager, type ModelFolder } from './model-manager.js';
import { startFakeHub, type FakeHub } from './testing/fake-hub.js';

const FILES = [
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model_quantized.onnx',
  'onnx/decoder_model_merged_quantized.onnx',
];
const BIG_FILE = 'onnx/decoder_model_merged_quantized.onnx';

function catalog(): Catalog {
  const model = (id: string, repo: string) => ({
    id,
    repo,
    task: 'translation' as const,
    languages: { source: id.split('-')[2] ?? '', target: id.split('-')[3] ?? '' },
    licence: 'CC-BY-4.0',
    dtype: 'q8' as const,
    sizeBytes: 110_000_000,
    files: FILES,
  });
  return { revision: 'main', models: [model('opus-mt-es-en', 'Xenova/opus-mt-es-en'), model('opus-mt-xx-en', 'Xenova/opus-mt-xx-en')] };
}

describe('model manager', () => {
  let source: Record<string, Buffer>;
  let dir: string;
  let hub: FakeHub | null = null;

  beforeAll(() => {
    const models = mkdtempSync(path.join(tmpdir(), 'hub-content-'));
    const folder = writeTinyMarian(models, 'opus-mt-es-en');
    source = Object.fromEntries(FILES.map((file) => [file, readFileSync(path.join(folder, file))]));
    rmSync(models, { recursive: true, force: true });
  });

  afterEach(async () => {
    await hub?.close();
    hub = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(prefix = ''): Promise<{ manager: ModelManager; user: string; changes: number[] }> {
    dir = mkdtempSync(path.join(tmpdir(), 'model-manager-'));
    hub = await startFakeHub({ 'Xenova/opus-mt-es-en': source }, prefix);
    const user = path.join(dir, 'user');
    const folders: ModelFolder[] = [
      { path: user, source: 'user' },
      { path: path.join(dir, 'admin'), source: 'admin' },
    ];
    const manager = new ModelManager({ catalog: catalog(), folders, hubUrl: hub.url });
    const changes: number[] = [];
    manager.onChange(() => changes.push(manager.list().find((m) => m.id === 'opus-mt-es-en')?.progress?.done ?? -1));
    return { manager, user, changes };
  }

  function installedFiles(user: string): Record<string, Buffer> {
    return Object.fromEntries(FILES.map((file) => [file, readFileSync(path.join(user, 'opus-mt-es-en', file))]));
  }

  it('downloads a model, checks every file and installs it whole, reporting progress', async () => {
    const { manager, user, changes } = await setUp();
    expect(manager.list().find((m) => m.id === 'opus-mt-es-en')).toMatchObject({ state: 'available', licence: 'CC-BY-4.0', languages: 'es → en' });
    manager.download('opus-mt-es-en');
    expect(manager.list().find((m) => m.id === 'opus-mt-es-en')?.state).toBe('downloading');
    await manager.idle();
    expect(installedFiles(user)).toEqual(source);
    const listed = manager.list().find((m) => m.id === 'opus-mt-es-en');
    expect(listed).toMatchObject({ state: 'installed', source: 'user', error: null, folder: path.join(user, 'opus-mt-es-en') });
    expect(listed?.sizeBytes).toBe(Object.values(source).reduce((sum, content) => sum + content.length, 0));
    const seen = changes.filter((done) => done >= 0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Nothing is left half-done in the staging folder.
    expect(readdirSync(path.join(user, '.downloads'))).toEqual([]);
  });

  it('resumes a download that broke off, asking only for the missing bytes', async () => {
    const { manager, user } = await setUp();
    hub?.dropOnce(BIG_FILE, 3_000);
    manager.download('opus-mt-es-en');
    await manager.idle();
    const failed = manager.list().find((m) => m.id === 'opus-mt-es-en');
    expect(failed).toMatchObject({ state: 'available', error: expect.stringContaining('resumes where it stopped') });
    // What arrived before the cut stays (the server sent 3,000 bytes; the socket may have delivered fewer).
    const kept = statSync(path.join(user, '.downloads', 'opus-mt-es-en', `${BIG_FILE}.part`)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(3_000);

    manager.download('opus-mt-es-en');
    await manager.idle();
    expect(hub?.requests.some((r) => r.path.startsWith('/cdn/') && r.range === `bytes=${kept}-`)).toBe(true);
    expect(installedFiles(user)).toEqual(source);
  });

  it('refuses a damaged file, deletes it and installs nothing', async () => {
    const { manager, user } = await setUp();
    hub?.corrupt(BIG_FILE, Buffer.alloc(source[BIG_FILE]!.length, 7));
    manager.download('opus-mt-es-en');
    await manager.idle();
    expect(manager.list().find((m) => m.id === 'opus-mt-es-en')).toMatchObject({ state: 'available', error: expect.stringContaining('arrived damaged') });
    expect(existsSync(path.join(user, 'opus-mt-es-en'))).toBe(false);
    expect(existsSync(path.join(user, '.downloads', 'opus-mt-es-en', `${BIG_FILE}.part`))).toBe(false);
  });

  it('keeps what arrived when cancelled, and finishes from there', async () => {
    const { manager, user } = await setUp();
    manager.download('opus-mt-es-en');
    manager.cancel('opus-mt-es-en');
    await manager.idle();
    expect(manager.list().find((m) => m.id === 'opus-mt-es-en')).toMatchObject({ state: 'available', error: null });
    manager.download('opus-mt-es-en');
    await manager.idle();
    expect(installedFiles(user)).toEqual(source);
  });

  it('downloads from a company mirror under a path prefix', async () => {
    const { manager, user } = await setUp('/mirror/hf');
    manager.download('opus-mt-es-en');
    await manager.idle();
    expect(installedFiles(user)).toEqual(source);
    expect(hub?.requests.every((r) => r.path.startsWith('/mirror/hf/'))).toBe(true);
  });

  it('names the missing file when the source does not have the model', async () => {
    const { manager } = await setUp();
    manager.download('opus-mt-xx-en');
    await manager.idle();
    expect(manager.list().find((m) => m.id === 'opus-mt-xx-en')?.error).toMatch(/Xenova\/opus-mt-xx-en\/resolve\/main\/config\.json was not found \(404\)/);
  });

  it('lists models placed by hand or by an administrator, the user folder first', async () => {
    const { manager, user } = await setUp();
    const place = (folder: string, id: string, bytes: number) => {
      mkdirSync(path.join(folder, id, 'onnx'), { recursive: true });
      writeFileSync(path.join(folder, id, 'config.json'), '{"model_type":"marian"}');
      writeFileSync(path.join(folder, id, 'onnx', 'encoder_model.onnx'), Buffer.alloc(bytes));
    };
    place(path.join(dir, 'admin'), 'opus-mt-es-en', 100);
    place(path.join(dir, 'admin'), 'opus-mt-th-en', 200);
    expect(manager.list().find((m) => m.id === 'opus-mt-es-en')).toMatchObject({ state: 'installed', source: 'admin' });
    expect(manager.list().find((m) => m.id === 'opus-mt-th-en')).toMatchObject({ state: 'installed', source: 'admin', languages: 'th → en', licence: 'CC-BY-4.0' });
    place(user, 'opus-mt-es-en', 50);
    expect(manager.list().find((m) => m.id === 'opus-mt-es-en')).toMatchObject({ source: 'user', sizeBytes: 50 + 23 });
  });
});
