import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddingModel, InstalledModels } from './language-service.js';
import type { TranslationModel } from './translation-routes.js';

/** Languages m2m100_418M translates between (its 100, as ISO 639-1 where one exists). */
const M2M100_LANGUAGES = (
  'af am ar ast az ba be bg bn br bs ca ceb cs cy da de el en es et fa ff fi fr fy ga gd gl gu ha he hi hr ht hu hy id ig ' +
  'ilo is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk ml mn mr ms my ne nl no ns oc or pa pl ps pt ro ru sd si sk sl so ' +
  'sq sr ss su sv sw ta th tl tn tr uk ur uz vi wo xh yi yo zh zu'
).split(' ');

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
    return dtype && { type: 'translation', model: { id, path: modelPath, dtype, languages: { among: M2M100_LANGUAGES } } };
  }
  if (config.model_type === 'bert' || config.model_type === 'xlm-roberta') {
    const dtype = dtypeOf(modelPath, 'model');
    return dtype && { type: 'embedding', model: { id, path: modelPath, dtype } };
  }
  return null;
}

/** Quantized files are what the hub's ONNX repos ship for download; plain fp32 is preferred when present. */
function dtypeOf(modelPath: string, base: string): 'fp32' | 'q8' | null {
  if (existsSync(path.join(modelPath, 'onnx', `${base}.onnx`))) return 'fp32';
  if (existsSync(path.join(modelPath, 'onnx', `${base}_quantized.onnx`))) return 'q8';
  return null;
}
