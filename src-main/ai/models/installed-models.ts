import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { ModelSource } from '../../../src-shared/api/contract.js';
import { findEntry, type Catalog, type CatalogEntry } from './catalog.js';

/** A folder of models: the user's (downloads go there), an administrator's, or the app's bundled one. */
export interface ModelFolder {
  path: string;
  source: ModelSource;
}

export interface InstalledModel {
  /** The folder name, which is the model's id: "opus-mt-es-en". */
  id: string;
  /** The model's own folder: `<model folder>/<id>`. */
  folder: string;
  source: ModelSource;
  /** The catalog entry with the same id, if any. */
  entry: CatalogEntry | null;
  task: 'translation' | 'embedding' | null;
  /** Every file needed to run offline is there. */
  complete: boolean;
  /** What is not, relative to the model's folder. */
  missing: string[];
  sizeBytes: number;
  /** The catalog's, else the `license:` of a README.md model card, else "unknown". */
  licence: string;
  /** The copy the app loads: the first of its id in folder order. Later copies are shadowed. */
  active: boolean;
}

interface ModelConfig {
  model_type?: unknown;
  is_encoder_decoder?: unknown;
}

const SEQ2SEQ = ['marian', 'm2m_100', 'mbart', 't5', 'bart', 'nllb', 'm2m100'];
const TOKENIZER = ['tokenizer.json', 'tokenizer_config.json'];

/**
 * Every model folder in `folders` (a subfolder with a config.json), in folder order. A model placed
 * by hand is listed too, with what its config.json says it is; dot-folders (`.downloads`) are not
 * models.
 */
export function listInstalled(folders: readonly ModelFolder[], catalog: Catalog | null = null): InstalledModel[] {
  const listed: InstalledModel[] = [];
  const seen = new Set<string>();
  for (const { path: root, source } of folders) {
    for (const id of modelIds(root)) {
      const folder = path.join(root, id);
      const entry = catalog ? (findEntry(catalog, id) ?? null) : null;
      const config = readConfig(folder);
      const missing = entry ? missingFiles(folder, entry.files) : config ? missingFiles(folder, filesFor(config)) : ['config.json (not valid JSON)'];
      listed.push({
        id,
        folder,
        source,
        entry,
        task: entry?.task ?? (config ? taskOf(config) : null),
        complete: missing.length === 0,
        missing,
        sizeBytes: sizeOfFolder(folder),
        licence: entry?.licence ?? licenceFromModelCard(folder) ?? 'unknown',
        active: !seen.has(id),
      });
      seen.add(id);
    }
  }
  return listed;
}

function modelIds(root: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    // An administrator's folder on a share that is not mounted today, or none configured yet.
    return [];
  }
  return entries
    .filter((entry) => !entry.name.startsWith('.') && isDirectory(root, entry) && existsSync(path.join(root, entry.name, 'config.json')))
    .map((entry) => entry.name)
    .sort();
}

function isDirectory(root: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path.join(root, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

function readConfig(folder: string): ModelConfig | null {
  try {
    const config: unknown = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8'));
    return config && typeof config === 'object' ? (config as ModelConfig) : null;
  } catch {
    return null;
  }
}

function isSeq2Seq(config: ModelConfig): boolean {
  return config.is_encoder_decoder === true || SEQ2SEQ.includes(String(config.model_type));
}

function taskOf(config: ModelConfig): 'translation' | 'embedding' {
  return isSeq2Seq(config) ? 'translation' : 'embedding';
}

/** What the runtime loads offline (docs/models.md): seq2seq models have an encoder and a merged decoder. */
function filesFor(config: ModelConfig): string[] {
  if (isSeq2Seq(config)) return ['config.json', 'generation_config.json', ...TOKENIZER, 'onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx'];
  return ['config.json', ...TOKENIZER, 'onnx/model.onnx'];
}

/**
 * An ONNX graph counts in either precision: the app loads `x.onnx` (fp32) when present, else
 * `x_quantized.onnx` (q8), so a hand-placed fp32 copy of a catalog model runs as well.
 */
function missingFiles(folder: string, files: readonly string[]): string[] {
  return files.filter((file) => !variantsOf(file).some((variant) => isFile(path.join(folder, variant))));
}

function variantsOf(file: string): string[] {
  const graph = /^(.*?)(?:_quantized)?\.onnx$/.exec(file);
  return graph ? [`${graph[1]}.onnx`, `${graph[1]}_quantized.onnx`] : [file];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The hub's model cards carry the licence in their front matter: `license: apache-2.0`. */
function licenceFromModelCard(folder: string): string | null {
  let card: string;
  try {
    card = readFileSync(path.join(folder, 'README.md'), 'utf8');
  } catch {
    return null;
  }
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(card)?.[1] ?? '';
  const licence = /^license:\s*["']?([^"'\r\n]+?)["']?\s*$/m.exec(frontMatter)?.[1];
  return licence || null;
}

/** Bytes on disk; symbolic links to files count, links to folders are not followed (no cycles). */
function sizeOfFolder(folder: string): number {
  let total = 0;
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += sizeOfFolder(full);
    else {
      try {
        const stats = statSync(full);
        if (stats.isFile()) total += stats.size;
      } catch {
        // A dangling link.
      }
    }
  }
  return total;
}
