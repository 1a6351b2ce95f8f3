import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutoFetchStatus } from '../../../src-shared/api/contract.js';
import { writeTinyBert, writeTinyMarian } from '../testing/tiny-models.js';
import { Catalog, type CatalogInput } from './catalog.js';
import { ModelAutoFetch, type SignInNeeds } from './model-auto-fetch.js';
import { ModelManager } from './model-manager.js';
import { startFakeHub, type FakeHub, type FakeRepos } from './testing/fake-hub.js';

const PAIR_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const EMBEDDING_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

function catalog(): Catalog {
  const pair = (source: string, target: string) => ({ id: `opus-mt-${source}-${target}`, repo: `Xenova/opus-mt-${source}-${target}`, task: 'translation' as const, source, target, licence: 'CC-BY-4.0', dtype: 'q8' as const, sizeBytes: 1_000_000, files: PAIR_FILES });
  const input: CatalogInput = {
    models: [pair('th', 'en'), pair('en', 'zh'), pair('zh', 'en'), pair('en', 'th'), { id: 'embed', repo: 'Xenova/embed', task: 'embedding', licence: 'Apache-2.0', dtype: 'q8', sizeBytes: 1_000_000, files: EMBEDDING_FILES }],
  };
  return Catalog.parse(input);
}

const MEI: SignInNeeds = { agentLanguage: 'zh', agentLanguages: ['zh'], customerLanguages: [{ language: 'th', weight: 1 }], pinned: null };

describe('fetching the models a desk needs', () => {
  let repos: FakeRepos;
  let dir: string;
  let hub: FakeHub | null = null;
  let fetcher: ModelAutoFetch | null = null;

  beforeAll(() => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'auto-fetch-content-'));
    const read = (folder: string, files: string[]) => Object.fromEntries(files.map((file) => [file, readFileSync(path.join(folder, file))]));
    const pairFiles = read(writeTinyMarian(scratch, 'pair'), PAIR_FILES);
    repos = { 'Xenova/embed': read(writeTinyBert(scratch, 'embed'), EMBEDDING_FILES) };
    for (const id of ['opus-mt-th-en', 'opus-mt-en-zh', 'opus-mt-zh-en', 'opus-mt-en-th']) repos[`Xenova/${id}`] = pairFiles;
    rmSync(scratch, { recursive: true, force: true });
  });

  afterEach(async () => {
    fetcher?.stop();
    fetcher = null;
    await hub?.close();
    hub = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(served: FakeRepos = repos, hubUrl?: string): Promise<{ manager: ModelManager; statuses: AutoFetchStatus[] }> {
    dir = mkdtempSync(path.join(tmpdir(), 'auto-fetch-'));
    hub = await startFakeHub(served);
    const manager = new ModelManager({ catalog: catalog(), folders: [{ path: dir, source: 'user' }], hubUrl: hubUrl ?? hub.url });
    fetcher = new ModelAutoFetch({ manager, catalog: catalog(), firstRetryMs: 50, maxRetryMs: 200, log: () => {} });
    const statuses: AutoFetchStatus[] = [];
    const auto = fetcher;
    auto.onChange(() => statuses.push(AutoFetchStatus.parse(auto.current())));
    return { manager, statuses };
  }

  const installed = (manager: ModelManager) => manager.list().filter((model) => model.state === 'installed').map((model) => model.id).sort();

  it('fetches the pairs to read and reply and the embedding model, one model at a time, most useful first', async () => {
    const { manager, statuses } = await setUp();
    await fetcher!.start(MEI);
    expect(installed(manager)).toEqual(['embed', 'opus-mt-en-th', 'opus-mt-en-zh', 'opus-mt-th-en', 'opus-mt-zh-en']);
    // One at a time: each model's requests end before the next model's begin.
    const order = hub!.requests.filter((request) => request.server === 'hub').map((request) => request.path.split('/')[2]);
    expect(order.filter((repo, index) => repo !== order[index - 1])).toEqual(['opus-mt-th-en', 'opus-mt-en-zh', 'embed', 'opus-mt-zh-en', 'opus-mt-en-th']);
    expect(statuses.at(-1)).toMatchObject({ state: 'done', done: 5, total: 5, fraction: 1, failure: null, failed: [], leftOut: [] });
    expect(statuses.some((status) => status.state === 'fetching' && status.current === 'embed')).toBe(true);
  });

  it('waits and tries again when the connection breaks, resuming where it stopped', async () => {
    const { manager, statuses } = await setUp();
    hub!.dropOnce('onnx/encoder_model_quantized.onnx', 4_000);
    await fetcher!.start({ ...MEI, pinned: ['opus-mt-th-en'] });
    expect(installed(manager)).toEqual(['opus-mt-th-en']);
    expect(statuses.find((status) => status.state === 'waiting')).toMatchObject({ failure: 'offline', current: 'opus-mt-th-en', retryAt: expect.any(Number) });
    expect(hub!.requests.filter((request) => request.server === 'cdn' && request.range !== null).map((request) => request.range)).toEqual(['bytes=4000-']);
    expect(statuses.at(-1)).toMatchObject({ state: 'done', failure: null });
  });

  it('keeps trying while the source cannot be reached, and stops when told', async () => {
    const { statuses } = await setUp(repos, 'http://127.0.0.1:9/unreachable');
    const run = fetcher!.start(MEI);
    await expect.poll(() => statuses.filter((status) => status.state === 'waiting').length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    const waits = statuses.filter((status) => status.state === 'waiting');
    expect(waits.every((status) => status.failure === 'offline' && status.current === 'opus-mt-th-en')).toBe(true);
    fetcher!.stop();
    await run;
    expect(fetcher!.current().state).toBe('idle');
  });

  it('reports a model the source lacks and goes on with the next', async () => {
    const { ['Xenova/opus-mt-en-zh']: _missing, ...served } = repos;
    const { manager, statuses } = await setUp(served);
    await fetcher!.start(MEI);
    expect(installed(manager)).toEqual(['embed', 'opus-mt-en-th', 'opus-mt-th-en', 'opus-mt-zh-en']);
    expect(statuses.at(-1)).toMatchObject({ state: 'done', failure: 'not-found', failed: [{ modelId: 'opus-mt-en-zh', failure: 'not-found' }] });
  });

  it('fetches exactly a pinned set, and leaves out what would pass the budget', async () => {
    const { manager, statuses } = await setUp();
    manager.setBudget(2_500_000);
    await fetcher!.start({ ...MEI, pinned: ['embed', 'opus-mt-zh-en', 'opus-mt-th-en'] });
    expect(installed(manager)).toEqual(['embed', 'opus-mt-zh-en']);
    expect(statuses.at(-1)).toMatchObject({ state: 'done', pinned: true, leftOut: [{ need: { kind: 'pinned', modelId: 'opus-mt-th-en' }, modelIds: ['opus-mt-th-en'], reason: 'over-budget' }] });
  });
});
