import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTinyBert, writeTinyMarian } from '../testing/tiny-models.js';
import { bundleModels } from './bundle-models.js';
import { Catalog, type CatalogInput } from './catalog.js';
import { listInstalled } from './installed-models.js';
import { startFakeHub, type FakeHub } from './testing/fake-hub.js';
import { tinyReposFor } from './testing/tiny-hub.js';

const PAIR_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const INPUT: CatalogInput = {
  models: [
    { id: 'opus-mt-th-en', repo: 'Xenova/opus-mt-th-en', task: 'translation', source: 'th', target: 'en', licence: 'CC-BY-4.0', dtype: 'q8', files: PAIR_FILES },
    { id: 'opus-mt-en-zh', repo: 'Xenova/opus-mt-en-zh', task: 'translation', source: 'en', target: 'zh', licence: 'CC-BY-4.0', dtype: 'q8', files: PAIR_FILES },
    { id: 'embed', repo: 'Xenova/embed', task: 'embedding', licence: 'Apache-2.0', dtype: 'q8', files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'] },
  ],
};
const CATALOG = Catalog.parse(INPUT);

describe('bundling models into the installer', () => {
  let dir: string;
  let out: string;
  let hub: FakeHub | null = null;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bundle-models-'));
    out = path.join(dir, 'resources-models');
  });
  afterEach(async () => {
    await hub?.close();
    hub = null;
    rmSync(dir, { recursive: true, force: true });
  });

  const bundledIds = () => listInstalled([{ path: out, source: 'bundled' }], CATALOG).filter((model) => model.complete).map((model) => model.id);

  it('copies a chosen set from a folder, whole and nothing else', async () => {
    const folder = path.join(dir, 'share');
    writeTinyMarian(folder, 'opus-mt-th-en');
    writeTinyMarian(folder, 'opus-mt-en-zh', { seed: 2 });
    writeTinyBert(folder, 'embed');
    const bundled = await bundleModels({ catalog: CATALOG, modelIds: ['opus-mt-th-en', 'embed'], from: folder, out });
    expect(bundled.map((model) => model.id)).toEqual(['opus-mt-th-en', 'embed']);
    expect(bundled.every((model) => model.sizeBytes > 0)).toBe(true);
    expect(bundledIds()).toEqual(['embed', 'opus-mt-th-en']);
    expect(readdirSync(out).sort()).toEqual(['embed', 'opus-mt-th-en']);
  });

  it('refuses an incomplete copy, a model the catalog lacks and a pinned checksum that does not match', async () => {
    const folder = path.join(dir, 'share');
    const copy = writeTinyMarian(folder, 'opus-mt-th-en');
    rmSync(path.join(copy, 'onnx', 'decoder_model_merged_quantized.onnx'));
    rmSync(path.join(copy, 'onnx', 'decoder_model_merged.onnx'));
    await expect(bundleModels({ catalog: CATALOG, modelIds: ['opus-mt-th-en'], from: folder, out })).rejects.toThrow(/opus-mt-th-en: the copy in .* is incomplete: onnx\/decoder_model_merged_quantized\.onnx missing/);
    await expect(bundleModels({ catalog: CATALOG, modelIds: ['nllb-200'], from: folder, out })).rejects.toThrow('"nllb-200" is not in the catalog');
    writeTinyBert(folder, 'embed');
    const pinned = Catalog.parse({ models: INPUT.models.map((model) => (model.id === 'embed' ? { ...model, sha256: { 'config.json': '0'.repeat(64) } } : model)) });
    await expect(bundleModels({ catalog: pinned, modelIds: ['embed'], from: folder, out })).rejects.toThrow(/embed: config\.json .* does not match the catalog's checksum/);
    expect(existsSync(path.join(out, 'embed'))).toBe(false);
  });

  it('downloads a chosen set from a mirror, checked, through the command line', async () => {
    hub = await startFakeHub(tinyReposFor(CATALOG), { prefix: '/mirror/hf' });
    const catalogFile = path.join(dir, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(INPUT));
    const run = promisify(execFile);
    const tsx = path.resolve('node_modules/.bin/tsx');
    const { stdout } = await run(tsx, ['scripts/bundle-models.ts', '--models', 'opus-mt-en-zh,embed', '--from', hub.url, '--out', out, '--catalog', catalogFile, '--token', 'secret']);
    expect(stdout).toMatch(/bundle-models: opus-mt-en-zh ready in .* \(\d+\.\d MB\)/);
    expect(bundledIds()).toEqual(['embed', 'opus-mt-en-zh']);
    expect(readdirSync(out).sort()).toEqual(['embed', 'opus-mt-en-zh']);
    expect(hub.requests.filter((request) => request.server === 'hub').every((request) => request.authorization === 'Bearer secret')).toBe(true);

    // A mistake is named, with a non-zero exit; no models chosen is no error.
    const failed = await run(tsx, ['scripts/bundle-models.ts', '--models', 'opus-mt-xx-en', '--from', hub.url, '--out', out, '--catalog', catalogFile]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('"opus-mt-xx-en" is not in the catalog') });
    const nothing = await run(tsx, ['scripts/bundle-models.ts', '--out', out], { env: { ...process.env, BUNDLE_MODELS: '' } });
    expect(nothing.stdout).toContain('no models chosen');
  }, 60_000);
});
