import { z } from 'zod';
import { readJsonFile } from '../../../src-node/json-file.js';

/**
 * The models the product offers to download (resources/models/catalog.json). An administrator may
 * edit the file, so every mistake is refused with the entry and the field that is wrong.
 */

/** ISO 639-1 where the language has one ("es"); ISO 639-3 otherwise (m2m100's "ast", "ceb", "ilo"). */
const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'a language code is 2 or 3 lowercase letters: "es", "ast"');

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');

/** A path inside the model folder, with forward slashes: it names a file on disk and in a URL. */
const ModelFile = z
  .string()
  .min(1)
  .refine(
    (file) => !file.startsWith('/') && !file.includes('\\') && file.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'a model file is a relative path inside the model folder, with "/" between folders: "onnx/model_quantized.onnx"',
  );

const common = {
  /** The folder name on disk, and what the app calls the model: "opus-mt-es-en". */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an id is a folder name: letters, digits, ".", "_" and "-"'),
  /** The repository on the hub or the mirror: "Xenova/opus-mt-es-en". */
  repo: z.string().regex(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/, 'a repo is "owner/name"'),
  /** Branch, tag or commit on the hub; a commit pins the exact files. */
  revision: z.string().min(1).default('main'),
  /** SPDX-style: "CC-BY-4.0", "MIT", "Apache-2.0". */
  licence: z.string().min(1),
  /** Which ONNX files the app loads: "q8" is the `*_quantized.onnx` files. */
  dtype: z.enum(['fp32', 'q8']),
  /** Everything needed to run offline, relative to the model folder. */
  files: z.array(ModelFile).min(1),
  /** Approximate download size, shown before the download asks the server. */
  sizeBytes: z.number().int().positive().optional(),
  /** Pinned checksums by file; a file without one is checked against the hub's own sha256 when it sends one. */
  sha256: z.record(z.string(), Sha256).optional(),
};

const TranslationEntry = z.strictObject({
  ...common,
  task: z.literal('translation'),
  /** One direction ("es" → "en")... */
  source: LanguageCode.optional(),
  target: LanguageCode.optional(),
  /** ...or many-to-many among `languages` (m2m100). */
  multilingual: z.literal(true).optional(),
  languages: z.array(LanguageCode).min(2).optional(),
});

const EmbeddingEntry = z.strictObject({
  ...common,
  task: z.literal('embedding'),
  multilingual: z.boolean().optional(),
  languages: z.array(LanguageCode).min(1).optional(),
});

export const CatalogEntry = z.discriminatedUnion('task', [TranslationEntry, EmbeddingEntry]).superRefine((entry, context) => {
  const problem = (message: string, path: PropertyKey[]) => context.addIssue({ code: 'custom', message, path });
  if (entry.task === 'translation') {
    const pair = entry.source !== undefined || entry.target !== undefined;
    const many = entry.multilingual !== undefined || entry.languages !== undefined;
    if (pair === many) problem('a translation model has either "source" and "target", or "multilingual": true and "languages"', ['task']);
    else if (pair && (!entry.source || !entry.target)) problem('a one-direction model needs both "source" and "target"', [entry.source ? 'target' : 'source']);
    else if (pair && entry.source === entry.target) problem('"source" and "target" are the same language', ['target']);
    else if (many && (!entry.multilingual || !entry.languages)) problem('a many-to-many model needs "multilingual": true and "languages"', ['languages']);
  }
  if (!entry.files.includes('config.json')) problem('"files" must include config.json: it is how a model folder is recognised', ['files']);
  const seen = new Set<string>();
  for (const [index, file] of entry.files.entries()) {
    if (seen.has(file)) problem(`"${file}" is listed twice`, ['files', index]);
    seen.add(file);
  }
  for (const file of Object.keys(entry.sha256 ?? {})) {
    if (!seen.has(file)) problem(`a checksum for "${file}", which is not in "files"`, ['sha256', file]);
  }
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const Catalog = z
  .strictObject({
    note: z.string().optional(),
    models: z.array(CatalogEntry),
  })
  .superRefine((catalog, context) => {
    const seen = new Set<string>();
    for (const [index, entry] of catalog.models.entries()) {
      if (seen.has(entry.id)) context.addIssue({ code: 'custom', message: `the id "${entry.id}" is used twice`, path: ['models', index, 'id'] });
      seen.add(entry.id);
    }
  });
export type Catalog = z.infer<typeof Catalog>;
/** A catalog as written in the file: `revision` may be left out. */
export type CatalogInput = z.input<typeof Catalog>;

export function loadCatalog(file: string): Catalog {
  return readJsonFile(file, Catalog);
}

export function findEntry(catalog: Catalog, id: string): CatalogEntry | undefined {
  return catalog.models.find((entry) => entry.id === id);
}

/** What a translation model translates between; null for an embedding model. */
export type Directions = { kind: 'pair'; source: string; target: string } | { kind: 'many'; languages: readonly string[] };

export function directionsOf(entry: CatalogEntry): Directions | null {
  if (entry.task !== 'translation') return null;
  if (entry.source && entry.target) return { kind: 'pair', source: entry.source, target: entry.target };
  return { kind: 'many', languages: entry.languages ?? [] };
}
