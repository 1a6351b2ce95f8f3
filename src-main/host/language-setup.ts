import type { LanguageSetup } from '../core/workstation.js';
import type { LaunchInference } from '../ai/inference-client.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadDefinitions } from '../ai/insight/definitions.js';
import { loadIntentModel } from '../ai/insight/intent-model.js';
import { DefinitionsAnalyser } from '../ai/insight/text-analyser.js';
import type { InstalledModels } from '../ai/language-service.js';
import { scanInstalledModels } from '../ai/model-library.js';
import { loadCatalog } from '../ai/models/catalog.js';
import { ModelManager, PUBLIC_HUB, type ModelFolder } from '../ai/models/model-manager.js';

export interface LanguageSetupOptions {
  launchInference: LaunchInference;
  /** Model folders, first wins: the user's (downloads), an administrator's, the bundled ones. */
  modelFolders: readonly ModelFolder[];
  /** The catalog of models offered for download (resources/models/catalog.json). */
  catalogFile: string;
  /** The public hub by default, or a company mirror serving the same paths. */
  hubUrl?: string;
  /** The editable intents file (resources/ai/intents.json, or a company's own). */
  intentsFile: string;
  /** The learned intent model; by default intent-model.json beside the intents file, when there is one (a company's own intents file goes without). */
  intentModelFile?: string;
  log: (message: string, error?: unknown) => void;
}

/** A model placed in a folder by hand is picked up within this long, without a restart. */
const RESCAN_MS = 10_000;

/** What a host (the desktop app, the web host) hands the workstation for on-device language work. */
export function createLanguageSetup(options: LanguageSetupOptions): LanguageSetup {
  let scanned: { at: number; models: InstalledModels } | null = null;
  const installedModels = (): InstalledModels => {
    if (!scanned || Date.now() - scanned.at > RESCAN_MS) scanned = { at: Date.now(), models: scanInstalledModels(options.modelFolders.map((f) => f.path)) };
    return scanned.models;
  };
  // Read once at start: a broken file stops the start with its error, not each message later.
  const { definitions } = loadDefinitions(options.intentsFile);
  const modelFile = options.intentModelFile ?? path.join(path.dirname(options.intentsFile), 'intent-model.json');
  const intentModel = existsSync(modelFile) ? loadIntentModel(modelFile) : null;
  const models = new ModelManager({
    catalog: loadCatalog(options.catalogFile),
    folders: options.modelFolders,
    hubUrl: options.hubUrl || PUBLIC_HUB,
  });
  // First of the install listeners: whoever reacts after it sees the new model.
  models.onInstall(() => {
    scanned = null;
  });
  return {
    models,
    launchInference: options.launchInference,
    installedModels,
    createAnalyser: (language) => new DefinitionsAnalyser(definitions, language, options.log, intentModel),
  };
}
