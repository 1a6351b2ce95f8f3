import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scanInstalledModels } from '../model-library.js';
import { writeTinyMarian } from '../testing/tiny-models.js';
import { CatalogEntry } from './catalog.js';
import { DownloadError } from './hub-download.js';
import { downloadModel, type ModelProgress } from './model-download.js';
import { sha256, startFakeHub, type FakeHub, type FakeHubOptions } from './testing/fake-hub.js';

const FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const ENCODER = 'onnx/encoder_model_quantized.onnx';
const DECODER = 'onnx/decoder_model_merged_quantized.onnx';

const entry = (overrides: Partial<CatalogEntry> = {}): CatalogEntry =>
  CatalogEntry.parse({ id: 'opus-mt-es-en', repo: 'Xenova/opus-mt-es-en', task: 'translation', source: 'es', target: 'en', licence: 'CC-BY-4.0', dtype: 'q8', files: FILES, ...overrides });

describe('downloading a model', () => {
  /** A real tiny Opus-MT's files, with the ONNX graphs padded so bodies arrive in many chunks. */
  let content: Record<string, Buffer>;
  let dir: string;
  let user: string;
  let hub: FakeHub | null = null;

  beforeAll(() => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'hub-content-'));
    const folder = writeTinyMarian(scratch, 'opus-mt-es-en');
    content = Object.fromEntries(FILES.map((file) => [file, readFileSync(path.join(folder, file))]));
    rmSync(scratch, { recursive: true, force: true });
    expect(content[DECODER]!.length).toBeGreaterThan(20_000);
  });

  afterEach(async () => {
    await hub?.close();
    hub = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(options: FakeHubOptions = {}, repos: Record<string, Record<string, Buffer>> = { 'Xenova/opus-mt-es-en': content }): Promise<FakeHub> {
    dir = mkdtempSync(path.join(tmpdir(), 'model-download-'));
    user = path.join(dir, 'user');
    hub = await startFakeHub(repos, options);
    return hub;
  }

  const installed = (file: string) => readFileSync(path.join(user, 'opus-mt-es-en', file));
  const part = (file: string) => path.join(user, '.downloads', 'opus-mt-es-en', `${file}.part`);
  const total = () => FILES.reduce((sum, file) => sum + content[file]!.length, 0);

  it('downloads every file, checks it, and installs the folder whole where the app finds it', async () => {
    const hub = await setUp();
    const progress: ModelProgress[] = [];
    const result = await downloadModel(entry(), { userFolder: user, hubUrl: hub.url, onProgress: (p) => progress.push(p) });

    expect(result).toEqual({ id: 'opus-mt-es-en', folder: path.join(user, 'opus-mt-es-en'), sizeBytes: total() });
    for (const file of FILES) expect(installed(file).equals(content[file]!), file).toBe(true);
    // Staging is gone: nothing half-done is left behind.
    expect(readdirSync(path.join(user, '.downloads'))).toEqual([]);
    // The LFS files went through the CDN redirect; the small ones came directly.
    expect(hub.requests.filter((r) => r.method === 'GET' && r.server === 'cdn').map((r) => r.path)).toEqual([`/cdn/${sha256(content[ENCODER]!)}`, `/cdn/${sha256(content[DECODER]!)}`]);
    // The app's own scan sees a q8 translation model.
    expect(scanInstalledModels([user]).translation).toMatchObject([{ id: 'opus-mt-es-en', dtype: 'q8', languages: { source: 'es', target: 'en' } }]);

    // Progress: the total is known from the start, never goes backwards, and ends at the total.
    expect(progress.length).toBeGreaterThan(FILES.length);
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([total()]));
    progress.slice(1).forEach((p, index) => expect(p.done).toBeGreaterThanOrEqual(progress[index]!.done));
    expect(progress.at(-1)).toMatchObject({ done: total(), total: total(), file: DECODER, fileDone: content[DECODER]!.length, fileTotal: content[DECODER]!.length });
    for (const file of FILES) expect(progress.filter((p) => p.file === file).at(-1)).toMatchObject({ fileDone: content[file]!.length, fileTotal: content[file]!.length });
  });

  it('resumes a file whose connection broke, asking only for the missing bytes', async () => {
    const hub = await setUp();
    hub.dropOnce(DECODER, 12_000);
    const failure = await downloadModel(entry(), { userFolder: user, hubUrl: hub.url }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DownloadError);
    expect(failure).toMatchObject({ reason: 'network', message: expect.stringContaining(DECODER) });
    expect(existsSync(path.join(user, 'opus-mt-es-en'))).toBe(false);
    // What arrived before the cut is kept (the socket may deliver fewer bytes than were sent).
    const kept = statSync(part(DECODER)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(12_000);

    const progress: ModelProgress[] = [];
    await downloadModel(entry(), { userFolder: user, hubUrl: hub.url, onProgress: (p) => progress.push(p) });
    const ranges = hub.requests.filter((r) => r.range !== null);
    expect(ranges.map((r) => r.range)).toEqual([`bytes=${kept}-`, `bytes=${kept}-`]);
    expect(ranges.at(-1)?.server).toBe('cdn');
    expect(installed(DECODER).equals(content[DECODER]!)).toBe(true);
    // The decoder is asked for once more only; the files that arrived before are not downloaded again.
    expect(hub.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/main/config.json')).length).toBe(1);
    // The resumed bytes count once, from the moment the server agreed to resume.
    expect(progress.find((p) => p.file === DECODER)?.fileDone).toBe(kept);
    expect(progress.at(-1)).toMatchObject({ done: total(), total: total() });
  });

  it('keeps what arrived when cancelled, and finishes from there', async () => {
    const hub = await setUp();
    hub.stallOnce(DECODER, 9_000);
    const controller = new AbortController();
    const progress: ModelProgress[] = [];
    const first = downloadModel(entry(), {
      userFolder: user,
      hubUrl: hub.url,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.file === DECODER && p.fileDone >= 9_000) controller.abort();
      },
    });
    await expect(first).rejects.toMatchObject({ reason: 'cancelled' });
    expect(statSync(part(DECODER)).size).toBe(9_000);
    expect(existsSync(path.join(user, 'opus-mt-es-en'))).toBe(false);

    await downloadModel(entry(), { userFolder: user, hubUrl: hub.url });
    expect(hub.requests.filter((r) => r.range !== null && r.server === 'cdn').map((r) => r.range)).toEqual(['bytes=9000-']);
    for (const file of FILES) expect(installed(file).equals(content[file]!), file).toBe(true);
  });

  it('refuses a file whose sha256 differs from the hub’s, deletes it and installs nothing', async () => {
    const hub = await setUp();
    const damaged = Buffer.from(content[DECODER]!);
    damaged[100] = damaged[100]! ^ 0xff;
    hub.corrupt(DECODER, damaged);
    await expect(downloadModel(entry(), { userFolder: user, hubUrl: hub.url })).rejects.toMatchObject({
      reason: 'checksum',
      message: expect.stringMatching(new RegExp(`opus-mt-es-en: ${DECODER}: .* arrived damaged \\(sha256 ${sha256(damaged)}, expected ${sha256(content[DECODER]!)}\\)`)),
    });
    expect(existsSync(path.join(user, 'opus-mt-es-en'))).toBe(false);
    expect(existsSync(part(DECODER))).toBe(false);
    expect(existsSync(path.join(user, '.downloads', 'opus-mt-es-en', DECODER))).toBe(false);
  });

  it('checks against the catalog’s pinned sha256 before the hub’s', async () => {
    const hub = await setUp();
    const pinned = sha256(Buffer.from('another version of the encoder'));
    await expect(downloadModel(entry({ sha256: { [ENCODER]: pinned } }), { userFolder: user, hubUrl: hub.url })).rejects.toMatchObject({
      reason: 'checksum',
      message: expect.stringContaining(`expected ${pinned}`),
    });
    expect(existsSync(path.join(user, 'opus-mt-es-en'))).toBe(false);

    // Pinned right, a small file (no hub checksum) is checked too.
    const right = Object.fromEntries(FILES.map((file) => [file, sha256(content[file]!)]));
    await downloadModel(entry({ sha256: right }), { userFolder: user, hubUrl: hub.url });
    expect(installed('config.json').equals(content['config.json']!)).toBe(true);
  });

  it('downloads from a company mirror under a path prefix', async () => {
    const hub = await setUp({ prefix: '/mirror/hf' });
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mirror\/hf$/);
    await downloadModel(entry(), { userFolder: user, hubUrl: `${hub.url}/` });
    for (const file of FILES) expect(installed(file).equals(content[file]!), file).toBe(true);
    const resolved = hub.requests.filter((r) => r.server === 'hub').map((r) => r.path);
    expect(resolved).toContain('/mirror/hf/Xenova/opus-mt-es-en/resolve/main/onnx/encoder_model_quantized.onnx');
    expect(resolved.every((p) => p.startsWith('/mirror/hf/Xenova/opus-mt-es-en/resolve/main/'))).toBe(true);
  });

  it('follows an absolute redirect to a CDN on another host, sending the token to the model source only', async () => {
    const hub = await setUp({ cdnElsewhere: true });
    await downloadModel(entry(), { userFolder: user, hubUrl: hub.url, headers: { authorization: 'Bearer mirror-token' } });
    for (const file of FILES) expect(installed(file).equals(content[file]!), file).toBe(true);
    const cdn = hub.requests.filter((r) => r.server === 'cdn');
    expect(cdn.length).toBe(2);
    expect(cdn.every((r) => r.authorization === null)).toBe(true);
    expect(hub.requests.filter((r) => r.server === 'hub').every((r) => r.authorization === 'Bearer mirror-token')).toBe(true);
  });

  it('names the file the source does not have, before downloading anything', async () => {
    const { [DECODER]: _missing, ...withoutDecoder } = content;
    const hub = await setUp({}, { 'Xenova/opus-mt-es-en': withoutDecoder });
    await expect(downloadModel(entry(), { userFolder: user, hubUrl: hub.url })).rejects.toMatchObject({
      reason: 'not-found',
      message: expect.stringContaining(`opus-mt-es-en: ${DECODER}: ${hub.url}/Xenova/opus-mt-es-en/resolve/main/${DECODER} was not found (404)`),
    });
    expect(hub.requests.filter((r) => r.method === 'GET')).toEqual([]);
    expect(existsSync(path.join(user, 'opus-mt-es-en'))).toBe(false);

    await expect(downloadModel(entry({ repo: 'Xenova/opus-mt-xx-en' }), { userFolder: user, hubUrl: hub.url })).rejects.toMatchObject({
      reason: 'not-found',
      message: expect.stringContaining('Xenova/opus-mt-xx-en/resolve/main/config.json was not found (404)'),
    });
  });

  it('runs one download per model at a time', async () => {
    const hub = await setUp();
    hub.stallOnce(DECODER, 1_000);
    const controller = new AbortController();
    const first = downloadModel(entry(), { userFolder: user, hubUrl: hub.url, signal: controller.signal, onProgress: (p) => p.file === DECODER && p.fileDone > 0 && controller.abort() });
    await expect(downloadModel(entry(), { userFolder: user, hubUrl: hub.url })).rejects.toMatchObject({ reason: 'busy' });
    await expect(first).rejects.toMatchObject({ reason: 'cancelled' });
    // Once it stopped, the model can be downloaded again.
    await downloadModel(entry(), { userFolder: user, hubUrl: hub.url });
    expect(installed(DECODER).equals(content[DECODER]!)).toBe(true);
  });

  it('replaces an incomplete copy in the user folder only once the new one is whole', async () => {
    const hub = await setUp();
    mkdirSync(path.join(user, 'opus-mt-es-en'), { recursive: true });
    writeFileSync(path.join(user, 'opus-mt-es-en', 'config.json'), '{"placed":"by hand"}');
    hub.dropOnce(ENCODER, 500);
    await expect(downloadModel(entry(), { userFolder: user, hubUrl: hub.url })).rejects.toMatchObject({ reason: 'network' });
    expect(readFileSync(path.join(user, 'opus-mt-es-en', 'config.json'), 'utf8')).toBe('{"placed":"by hand"}');

    await downloadModel(entry(), { userFolder: user, hubUrl: hub.url });
    expect(readdirSync(path.join(user, 'opus-mt-es-en')).sort()).toEqual(['config.json', 'generation_config.json', 'onnx', 'tokenizer.json', 'tokenizer_config.json']);
    expect(installed('config.json').equals(content['config.json']!)).toBe(true);
    expect(readdirSync(path.join(user, '.downloads'))).toEqual([]);
  });

  it('checks again a file finished in an earlier try, and downloads it anew if it no longer matches', async () => {
    const hub = await setUp();
    const staged = path.join(user, '.downloads', 'opus-mt-es-en', ENCODER);
    mkdirSync(path.dirname(staged), { recursive: true });
    writeFileSync(staged, randomBytes(content[ENCODER]!.length));
    await downloadModel(entry(), { userFolder: user, hubUrl: hub.url });
    expect(installed(ENCODER).equals(content[ENCODER]!)).toBe(true);
    expect(hub.requests.some((r) => r.method === 'GET' && r.path === `/cdn/${sha256(content[ENCODER]!)}`)).toBe(true);
  });
});
