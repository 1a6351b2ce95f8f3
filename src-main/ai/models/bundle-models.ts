import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findEntry, type Catalog, type CatalogEntry } from './catalog.js';
import { sha256Of } from './hub-download.js';
import { listInstalled } from './installed-models.js';
import { downloadModel } from './model-download.js';

/**
 * Puts a chosen set of catalog models into the installer's model folder (resources/models), from
 * a folder of model folders or from the hub or a company mirror, so that an air-gapped site needs
 * no download at all (`npm run dist`, docs/models.md). Every model is checked: its files complete,
 * and the catalog's pinned checksums (and, from a hub, the hub's own) matched.
 */
export interface BundleOptions {
  catalog: Catalog;
  modelIds: readonly string[];
  /** A folder holding `<id>/` model folders, or the base URL of the hub or a mirror. */
  from: string;
  /** The installer's model folder: resources/models. */
  out: string;
  /** Sent to a mirror with every request (a token), never to a host it redirects to. */
  headers?: Record<string, string>;
  log?: (message: string) => void;
}

export interface BundledModel {
  id: string;
  sizeBytes: number;
}

export async function bundleModels(options: BundleOptions): Promise<BundledModel[]> {
  const entries = options.modelIds.map((id) => {
    const entry = findEntry(options.catalog, id);
    if (!entry) throw new Error(`"${id}" is not in the catalog; the catalog lists: ${options.catalog.models.map((model) => model.id).join(', ')}.`);
    return entry;
  });
  mkdirSync(options.out, { recursive: true });
  const fromHub = /^https?:\/\//i.test(options.from);
  for (const entry of entries) {
    options.log?.(`${entry.id}: from ${options.from}`);
    if (fromHub) await downloadModel(entry, { userFolder: options.out, hubUrl: options.from, headers: options.headers });
    else await copyModel(entry, options);
  }
  removeEmptyStaging(options.out);
  const found = listInstalled([{ path: options.out, source: 'bundled' }], options.catalog);
  return entries.map((entry) => {
    const model = found.find((candidate) => candidate.id === entry.id);
    if (!model?.complete) throw new Error(`${entry.id} is incomplete in ${options.out}: ${model?.missing.join(', ') ?? 'not there'}.`);
    return { id: entry.id, sizeBytes: model.sizeBytes };
  });
}

/** From a folder: the copy must be complete and match the catalog's pins; it appears whole, or not at all. */
async function copyModel(entry: CatalogEntry, options: BundleOptions): Promise<void> {
  const source = listInstalled([{ path: options.from, source: 'admin' }], options.catalog).find((model) => model.id === entry.id);
  if (!source) throw new Error(`${entry.id}: there is no folder ${path.join(options.from, entry.id)} with a config.json.`);
  if (!source.complete) throw new Error(`${entry.id}: the copy in ${source.folder} is incomplete: ${source.missing.join(', ')} missing.`);
  for (const [file, expected] of Object.entries(entry.sha256 ?? {})) {
    const actual = await sha256Of(path.join(source.folder, file));
    if (actual !== expected) throw new Error(`${entry.id}: ${file} in ${source.folder} does not match the catalog's checksum (sha256 ${actual}, expected ${expected}).`);
  }
  const staging = path.join(options.out, '.downloads', entry.id);
  const target = path.join(options.out, entry.id);
  rmSync(staging, { recursive: true, force: true });
  cpSync(source.folder, staging, { recursive: true, dereference: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
}

/** The installer copies the whole folder: leave no empty `.downloads` behind. */
function removeEmptyStaging(out: string): void {
  const staging = path.join(out, '.downloads');
  if (existsSync(staging) && readdirSync(staging).length === 0) rmSync(staging, { recursive: true });
}
