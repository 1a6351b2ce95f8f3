import type { ModelInfo } from '../../../src-shared/api/contract.js';
import { directionsOf, findEntry, type Catalog, type CatalogEntry } from './catalog.js';
import { DownloadError, PUBLIC_HUB } from './hub-download.js';
import { listInstalled, type InstalledModel, type ModelFolder } from './installed-models.js';
import { downloadModel, type ModelProgress } from './model-download.js';

export { PUBLIC_HUB };
export type { ModelFolder };

export interface ModelManagerOptions {
  catalog: Catalog;
  /** Searched in order, the first copy of a model winning; the first folder is the user's, where downloads go. */
  folders: readonly ModelFolder[];
  /** The public hub, or a company mirror that serves the same paths. */
  hubUrl: string;
  /** Sent to the model source with every request (not to a CDN it redirects to): a mirror's token. */
  hubHeaders?: Record<string, string>;
}

interface Download {
  progress: { done: number; total: number };
  controller: AbortController;
}

/** Progress is reported at most this often. */
const PROGRESS_EVERY_MS = 250;

/**
 * The models on this machine and the catalog's others, for the api: what is installed where (with
 * size and licence), and downloads of the missing ones, one at a time per model, reported through
 * `onChange`.
 */
export class ModelManager {
  private readonly downloads = new Map<string, Download>();
  private readonly running = new Set<Promise<void>>();
  private readonly failures = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private readonly installListeners = new Set<() => void>();

  constructor(private readonly options: ModelManagerOptions) {}

  /** Called when a download has installed a model. */
  onInstall(listener: () => void): () => void {
    this.installListeners.add(listener);
    return () => this.installListeners.delete(listener);
  }

  /** Called when the list changed: a download moved on, finished or failed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hubUrl(): string {
    return this.options.hubUrl;
  }

  /** Every model folder found, shadowed copies included. */
  installed(): InstalledModel[] {
    return listInstalled(this.options.folders, this.options.catalog);
  }

  list(): ModelInfo[] {
    const active = new Map(
      this.installed()
        .filter((model) => model.active)
        .map((model) => [model.id, model]),
    );
    const listed = this.options.catalog.models.map((entry) => this.describe(entry, active.get(entry.id)));
    for (const found of active.values()) if (!found.entry) listed.push(unlisted(found));
    return listed;
  }

  /** Starts (or resumes) a download; progress and the outcome come through onChange. */
  download(id: string): void {
    const entry = findEntry(this.options.catalog, id);
    if (!entry) throw new Error(`There is no model "${id}" in the catalog.`);
    if (this.downloads.has(id)) return;
    const userFolder = this.options.folders[0]?.path;
    if (!userFolder) throw new Error('No model folder is configured.');
    const download: Download = { progress: { done: 0, total: entry.sizeBytes ?? 0 }, controller: new AbortController() };
    this.downloads.set(id, download);
    this.failures.delete(id);
    this.changed();
    let lastReport = 0;
    const onProgress = ({ done, total }: ModelProgress) => {
      download.progress = { done, total };
      if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = Date.now();
        this.changed();
      }
    };
    const run = downloadModel(entry, { userFolder, hubUrl: this.options.hubUrl, headers: this.options.hubHeaders, signal: download.controller.signal, onProgress })
      .then(
        () => {
          this.downloads.delete(id);
          for (const listener of this.installListeners) listener();
        },
        (error: unknown) => {
          this.downloads.delete(id);
          if (!(error instanceof DownloadError && error.reason === 'cancelled')) this.failures.set(id, error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => {
        this.running.delete(run);
        this.changed();
      });
    this.running.add(run);
  }

  /** Stops a download; what arrived stays, and the next download resumes from there. */
  cancel(id: string): void {
    this.downloads.get(id)?.controller.abort();
  }

  /** Resolves when no download runs. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  close(): void {
    for (const download of this.downloads.values()) download.controller.abort();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private describe(entry: CatalogEntry, found: InstalledModel | undefined): ModelInfo {
    const download = this.downloads.get(entry.id);
    const complete = found?.complete ?? false;
    return {
      id: entry.id,
      task: entry.task,
      languages: languagesOf(entry),
      licence: entry.licence,
      sizeBytes: complete && found ? found.sizeBytes : (entry.sizeBytes ?? 0),
      state: download ? 'downloading' : complete ? 'installed' : 'available',
      folder: found?.folder ?? null,
      source: found?.source ?? null,
      progress: download ? download.progress : null,
      error: this.failures.get(entry.id) ?? (found && !complete && !download ? incomplete(found) : null),
    };
  }
}

function languagesOf(entry: CatalogEntry): string {
  const directions = directionsOf(entry);
  if (!directions) return entry.multilingual ? 'multilingual' : (entry.languages?.join(', ') ?? 'unknown');
  return directions.kind === 'pair' ? `${directions.source} → ${directions.target}` : `${directions.languages.length} languages`;
}

/** A model placed by hand: its config says what it does; an Opus-MT folder name says which pair. */
function unlisted(found: InstalledModel): ModelInfo {
  const pair = /^opus-mt-([a-z]{2,3})-([a-z]{2,3})$/.exec(found.id);
  return {
    id: found.id,
    task: found.task ?? 'translation',
    languages: pair && found.task === 'translation' ? `${pair[1]} → ${pair[2]}` : 'unknown',
    licence: found.licence,
    sizeBytes: found.sizeBytes,
    state: 'installed',
    folder: found.folder,
    source: found.source,
    progress: null,
    error: found.complete ? null : incomplete(found),
  };
}

function incomplete(found: InstalledModel): string {
  return `The copy in ${found.folder} is incomplete: ${found.missing.join(', ')} missing.`;
}
