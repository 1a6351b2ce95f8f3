import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonFileError, parseJson } from '../../../src-node/json-file.js';
import { Catalog, directionsOf, loadCatalog } from './catalog.js';

const SHIPPED = path.resolve('resources/models/catalog.json');

const SEQ2SEQ_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];

describe('the shipped catalog', () => {
  const catalog = loadCatalog(SHIPPED);

  it('offers Opus-MT pairs to and from English, m2m100 and the multilingual embedding model', () => {
    const pairs = catalog.models.flatMap((entry) => {
      const directions = directionsOf(entry);
      return directions?.kind === 'pair' ? [`${directions.source}-${directions.target}`] : [];
    });
    for (const language of ['es', 'fr', 'de', 'it', 'nl', 'ru', 'zh', 'ar', 'id', 'vi']) {
      expect(pairs).toContain(`${language}-en`);
      expect(pairs).toContain(`en-${language}`);
    }
    expect(pairs).toEqual(expect.arrayContaining(['ja-en', 'th-en']));
    // en-jap is a Bible-only model; there is no Xenova en-ja, en-th or en-tr: m2m100 covers those.
    expect(pairs).not.toEqual(expect.arrayContaining(['en-ja']));
    expect(catalog.models.map((entry) => entry.repo)).not.toContain('Xenova/opus-mt-en-jap');

    const m2m100 = catalog.models.find((entry) => entry.id === 'm2m100_418M');
    expect(m2m100).toMatchObject({ repo: 'Xenova/m2m100_418M', task: 'translation', multilingual: true, licence: 'MIT', files: SEQ2SEQ_FILES });
    expect(m2m100?.languages).toHaveLength(100);
    expect(m2m100?.languages).toEqual(expect.arrayContaining(['en', 'es', 'th', 'vi', 'id', 'ja', 'ko', 'tr', 'pl', 'pt', 'ast', 'ceb', 'ilo']));

    expect(catalog.models.find((entry) => entry.task === 'embedding')).toMatchObject({
      id: 'paraphrase-multilingual-MiniLM-L12-v2',
      repo: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
      licence: 'Apache-2.0',
      files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'],
    });
  });

  it('names every Opus-MT folder after its repo and pair, CC-BY-4.0, q8 encoder and merged decoder, from main', () => {
    const opus = catalog.models.filter((entry) => entry.id.startsWith('opus-mt-'));
    expect(opus.length).toBeGreaterThanOrEqual(20);
    for (const entry of opus) {
      const directions = directionsOf(entry);
      expect(directions?.kind).toBe('pair');
      if (directions?.kind !== 'pair') continue;
      expect(entry).toMatchObject({ id: `opus-mt-${directions.source}-${directions.target}`, repo: `Xenova/${entry.id}`, licence: 'CC-BY-4.0', dtype: 'q8', revision: 'main', files: SEQ2SEQ_FILES });
    }
  });

  it('offers nothing under a non-commercial licence: no NLLB', () => {
    for (const entry of catalog.models) {
      expect(entry.licence).not.toMatch(/NC/i);
      expect(`${entry.id} ${entry.repo}`).not.toMatch(/nllb/i);
    }
  });
});

describe('catalog schema', () => {
  const pair = { id: 'opus-mt-es-en', repo: 'Xenova/opus-mt-es-en', task: 'translation', source: 'es', target: 'en', licence: 'CC-BY-4.0', dtype: 'q8', files: SEQ2SEQ_FILES };
  const parse = (models: unknown[]) => parseJson(JSON.stringify({ models }), 'catalog.json', Catalog);
  const refusal = (models: unknown[]) => {
    try {
      parse(models);
    } catch (error) {
      expect(error).toBeInstanceOf(JsonFileError);
      return (error as Error).message;
    }
    throw new Error('the catalog was accepted');
  };

  it('fills in the revision and keeps pinned checksums', () => {
    const hash = 'a'.repeat(64);
    const [entry] = parse([{ ...pair, sha256: { 'config.json': hash } }]).models;
    expect(entry).toMatchObject({ revision: 'main', sha256: { 'config.json': hash } });
    expect(parse([{ ...pair, revision: '0123abcd' }]).models[0]?.revision).toBe('0123abcd');
  });

  it('refuses a mistake with the entry and field that are wrong', () => {
    expect(refusal([pair, { ...pair, id: 'opus-mt-es-en' }])).toBe('catalog.json: models.1.id: the id "opus-mt-es-en" is used twice');
    expect(refusal([{ ...pair, license: 'MIT' }])).toMatch(/^catalog\.json: models\.0: Unrecognized key: "license"/);
    expect(refusal([{ ...pair, target: undefined }])).toBe('catalog.json: models.0.target: a one-direction model needs both "source" and "target"');
    expect(refusal([{ ...pair, source: 'es', target: 'es' }])).toBe('catalog.json: models.0.target: "source" and "target" are the same language');
    expect(refusal([{ ...pair, multilingual: true, languages: ['en', 'es'] }])).toMatch(/models\.0\.task: a translation model has either/);
    expect(refusal([{ ...pair, source: 'spanish' }])).toMatch(/models\.0\.source: a language code/);
    expect(refusal([{ ...pair, files: ['tokenizer.json'] }])).toMatch(/models\.0\.files: "files" must include config\.json/);
    expect(refusal([{ ...pair, files: ['config.json', '../../etc/passwd'] }])).toMatch(/models\.0\.files\.1: a model file is a relative path/);
    expect(refusal([{ ...pair, files: ['config.json', 'onnx\\model.onnx'] }])).toMatch(/models\.0\.files\.1:/);
    expect(refusal([{ ...pair, sha256: { 'onnx/model.onnx': 'a'.repeat(64) } }])).toMatch(/models\.0\.sha256\.onnx\/model\.onnx: a checksum for "onnx\/model\.onnx", which is not in "files"/);
    expect(refusal([{ ...pair, sha256: { 'config.json': 'ABC' } }])).toMatch(/models\.0\.sha256\.config\.json: a sha256 is 64 lowercase hex digits/);
    expect(refusal([{ ...pair, task: 'summarization' }])).toMatch(/models\.0\.task:/);
    expect(refusal([{ ...pair, repo: 'opus-mt-es-en' }])).toMatch(/models\.0\.repo: a repo is "owner\/name"/);
  });

  it('describes what a translation model translates', () => {
    const { models } = parse([pair, { ...pair, id: 'm2m', source: undefined, target: undefined, multilingual: true, languages: ['en', 'es', 'ast'] }]);
    expect(models.map(directionsOf)).toEqual([
      { kind: 'pair', source: 'es', target: 'en' },
      { kind: 'many', languages: ['en', 'es', 'ast'] },
    ]);
  });
});
