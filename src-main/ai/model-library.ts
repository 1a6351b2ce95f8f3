import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddingModel, InstalledModels } from './language-service.js';
import type { TranslationModel } from './translation-routes.js';

interface ModelConfig {
  model_type?: string;
}

/**
 * Finds the models in the model folders, earlier folders first (the user's, an administrator's,
 * the bundled ones): a folder per model with its config.json, named as in the catalog
 * ("opus-mt-es-en", "m2m100_418M", "paraphrase-multilingual-MiniLM-L12-v2").
 */
export function scanInstalledModels(folders: readonly string[]): InstalledModels {
  const translation: TranslationModel[] = [];
  let embedding: EmbeddingModel | null = null;
  const seen = new Set<string>();
  for (const folder of folders) {
    for (const id of modelFolders(folder)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const modelPath = path.join(folder, id);
      const config = readConfig(modelPath);
      const kind = describe(id, modelPath, config);
      if (kind?.type === 'translation') translation.push(kind.model);
      else if (kind?.type === 'embedding' && !embedding) embedding = kind.model;
    }
  }
  return { translation, embedding };
}

function modelFolders(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && existsSync(path.join(folder, entry.name, 'config.json')))
    .map((entry) => entry.name)
    .sort();
}

function readConfig(modelPath: string): ModelConfig | null {
  try {
    return JSON.parse(readFileSync(path.join(modelPath, 'config.json'), 'utf8')) as ModelConfig;
  } catch {
    return null;
  }
}

type Described = { type: 'translation'; model: TranslationModel } | { type: 'embedding'; model: EmbeddingModel };

function describe(id: string, modelPath: string, config: ModelConfig | null): Described | null {
  if (!config) return null;
  if (config.model_type === 'marian') {
    const pair = /^opus-mt-([a-z]{2,3})-([a-z]{2,3})$/.exec(id);
    if (!pair?.[1] || !pair[2]) return null;
    const dtype = dtypeOf(modelPath, 'encoder_model');
    return dtype && { type: 'translation', model: { id, path: modelPath, dtype, languages: { source: pair[1], target: pair[2] } } };
  }
  if (config.model_type === 'm2m_100') {
    const dtype = dtypeOf(modelPath, 'encoder_model');
    return dtype && { type: 'translation', model: { id, path: modelPath, dtype, languages: { among: languageTokensOf(modelPath) } } };
  }
  if (config.model_type === 'bert' || config.model_type === 'xlm-roberta') {
    const dtype = dtypeOf(modelPath, 'model');
    return dtype && { type: 'embedding', model: { id, path: modelPath, dtype } };
  }
  return null;
}

const languageTokens = new Map<string, { mtimeMs: number; languages: string[] }>();

/** A many-to-many model translates among the languages its tokenizer has `__xx__` tokens for. */
function languageTokensOf(modelPath: string): string[] {
  const file = path.join(modelPath, 'tokenizer.json');
  try {
    const { mtimeMs } = statSync(file);
    const known = languageTokens.get(file);
    if (known?.mtimeMs === mtimeMs) return known.languages;
    const tokenizer = JSON.parse(readFileSync(file, 'utf8')) as { added_tokens?: { content: string }[] };
    const languages = (tokenizer.added_tokens ?? []).flatMap(({ content }) => /^__([a-z]{2,3})__$/.exec(content)?.[1] ?? []);
    languageTokens.set(file, { mtimeMs, languages });
    return languages;
  } catch {
    return [];
  }
}

/** Quantized files are what the hub's ONNX repos ship for download; plain fp32 is preferred when present. */
function dtypeOf(modelPath: string, base: string): 'fp32' | 'q8' | null {
  if (existsSync(path.join(modelPath, 'onnx', `${base}.onnx`))) return 'fp32';
  if (existsSync(path.join(modelPath, 'onnx', `${base}_quantized.onnx`))) return 'q8';
  return null;
}
