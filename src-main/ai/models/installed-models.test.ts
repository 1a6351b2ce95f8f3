import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { listInstalled, type ModelFolder } from './installed-models.js';

const SEQ2SEQ_Q8 = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];

const catalog = Catalog.parse({
  models: [
    { id: 'opus-mt-es-en', repo: 'Xenova/opus-mt-es-en', task: 'translation', source: 'es', target: 'en', licence: 'CC-BY-4.0', dtype: 'q8', files: SEQ2SEQ_Q8 },
    { id: 'opus-mt-en-es', repo: 'Xenova/opus-mt-en-es', task: 'translation', source: 'en', target: 'es', licence: 'CC-BY-4.0', dtype: 'q8', files: SEQ2SEQ_Q8 },
    {
      id: 'paraphrase-multilingual-MiniLM-L12-v2',
      repo: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
      task: 'embedding',
      licence: 'Apache-2.0',
      dtype: 'q8',
      files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'],
    },
  ],
});

describe('models on this machine', () => {
  let dir: string;
  let folders: ModelFolder[];
  let user: string;
  let admin: string;
  let bundled: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'installed-models-'));
    user = path.join(dir, 'user');
    admin = path.join(dir, 'admin');
    bundled = path.join(dir, 'bundled');
    folders = [
      { path: user, source: 'user' },
      { path: admin, source: 'admin' },
      { path: bundled, source: 'bundled' },
    ];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A model folder with small fake files: `files` maps a path to its size in bytes. */
  function place(root: string, id: string, files: Record<string, number | string>): void {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(root, id, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, typeof content === 'number' ? Buffer.alloc(content) : content);
    }
  }
  const marian = '{"model_type":"marian","is_encoder_decoder":true}';
  const wholeQ8 = (config = marian): Record<string, number | string> => ({ ...Object.fromEntries(SEQ2SEQ_Q8.map((file) => [file, 10])), 'config.json': config });

  it('lists the user’s, the administrator’s and the bundled models, each with its source', () => {
    place(user, 'opus-mt-es-en', wholeQ8());
    place(admin, 'opus-mt-en-es', wholeQ8());
    place(bundled, 'paraphrase-multilingual-MiniLM-L12-v2', { 'config.json': '{"model_type":"bert"}', 'tokenizer.json': 5, 'tokenizer_config.json': 5, 'onnx/model_quantized.onnx': 100 });
    const listed = listInstalled(folders, catalog);
    expect(listed.map(({ id, source, complete, active, licence, task }) => ({ id, source, complete, active, licence, task }))).toEqual([
      { id: 'opus-mt-es-en', source: 'user', complete: true, active: true, licence: 'CC-BY-4.0', task: 'translation' },
      { id: 'opus-mt-en-es', source: 'admin', complete: true, active: true, licence: 'CC-BY-4.0', task: 'translation' },
      { id: 'paraphrase-multilingual-MiniLM-L12-v2', source: 'bundled', complete: true, active: true, licence: 'Apache-2.0', task: 'embedding' },
    ]);
    expect(listed[0]).toMatchObject({ folder: path.join(user, 'opus-mt-es-en'), entry: { repo: 'Xenova/opus-mt-es-en' }, missing: [], sizeBytes: marian.length + 5 * 10 });
    expect(listed[2]?.sizeBytes).toBe(21 + 5 + 5 + 100);
  });

  it('lets the first folder’s copy win and marks the later ones shadowed', () => {
    place(bundled, 'opus-mt-es-en', wholeQ8());
    place(user, 'opus-mt-es-en', wholeQ8());
    expect(listInstalled(folders, catalog).map(({ source, active }) => ({ source, active }))).toEqual([
      { source: 'user', active: true },
      { source: 'bundled', active: false },
    ]);
  });

  it('lists a model placed by hand that the catalog does not know, with what its config says', () => {
    place(admin, 'opus-mt-th-en', {
      ...wholeQ8(),
      'README.md': '---\nlanguage:\n- th\n- en\ntags:\n- translation\nlicense: apache-2.0\n---\n# opus-mt-th-en\n',
    });
    place(admin, 'my-encoder', { 'config.json': '{"model_type":"xlm-roberta"}', 'tokenizer.json': 1, 'tokenizer_config.json': 1, 'onnx/model.onnx': 1 });
    const listed = listInstalled(folders, catalog);
    expect(listed).toMatchObject([
      { id: 'my-encoder', entry: null, task: 'embedding', complete: true, licence: 'unknown' },
      { id: 'opus-mt-th-en', entry: null, task: 'translation', complete: true, licence: 'apache-2.0' },
    ]);
  });

  it('says which files an incomplete folder lacks', () => {
    const partial = wholeQ8();
    delete partial['onnx/decoder_model_merged_quantized.onnx'];
    delete partial['tokenizer.json'];
    place(user, 'opus-mt-es-en', partial);
    // Not in the catalog: what a seq2seq model needs, in either precision.
    place(user, 'opus-mt-ko-en', { 'config.json': marian, 'tokenizer.json': 1, 'tokenizer_config.json': 1, 'onnx/encoder_model.onnx': 1 });
    place(user, 'broken', { 'config.json': '{not json' });
    const listed = listInstalled(folders, catalog);
    expect(listed.map(({ id, complete, missing }) => ({ id, complete, missing }))).toEqual([
      { id: 'broken', complete: false, missing: ['config.json (not valid JSON)'] },
      { id: 'opus-mt-es-en', complete: false, missing: ['tokenizer.json', 'onnx/decoder_model_merged_quantized.onnx'] },
      { id: 'opus-mt-ko-en', complete: false, missing: ['generation_config.json', 'onnx/decoder_model_merged.onnx'] },
    ]);
    expect(listed[0]?.task).toBeNull();
  });

  it('counts an fp32 copy of a catalog model as complete: the app loads either precision', () => {
    place(user, 'opus-mt-es-en', {
      'config.json': marian,
      'generation_config.json': 1,
      'tokenizer.json': 1,
      'tokenizer_config.json': 1,
      'onnx/encoder_model.onnx': 1,
      'onnx/decoder_model_merged.onnx': 1,
    });
    expect(listInstalled(folders, catalog)[0]).toMatchObject({ complete: true, missing: [] });
  });

  it('skips what is not a model: staging folders, folders without config.json, files, absent folders', () => {
    place(user, '.downloads/opus-mt-es-en', wholeQ8());
    place(user, 'notes', { 'readme.txt': 3 });
    writeFileSync(path.join(dir, 'user', 'stray.onnx'), 'x');
    expect(listInstalled([...folders, { path: path.join(dir, 'not-mounted'), source: 'admin' }], catalog)).toEqual([]);
  });

  it('follows a model folder that is a symbolic link (an administrator’s share, say)', () => {
    place(path.join(dir, 'share'), 'opus-mt-es-en', wholeQ8());
    mkdirSync(admin);
    symlinkSync(path.join(dir, 'share', 'opus-mt-es-en'), path.join(admin, 'opus-mt-es-en'), 'dir');
    expect(listInstalled(folders, catalog)).toMatchObject([{ id: 'opus-mt-es-en', source: 'admin', complete: true, sizeBytes: marian.length + 50 }]);
  });

  it('lists without a catalog too', () => {
    place(user, 'opus-mt-es-en', wholeQ8());
    expect(listInstalled(folders)).toMatchObject([{ id: 'opus-mt-es-en', entry: null, complete: true, licence: 'unknown', task: 'translation' }]);
  });
});
