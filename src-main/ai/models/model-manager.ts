import type { ModelBudget, ModelFailure, ModelInfo } from '../../../src-shared/api/contract.js';
import { directionsOf, findEntry, type Catalog, type CatalogEntry } from './catalog.js';
import { DownloadError, PUBLIC_HUB } from './hub-download.js';
import { readBudget, writeBudget } from './model-budget.js';
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
  /** Null when the model is installed, else why not ('cancelled' for a cancel). */
  outcome: Promise<ModelFailure | 'cancelled' | null>;
}

interface Failure {
  message: string;
  failure: ModelFailure;
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
  private readonly failures = new Map<string, Failure>();
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

  catalog(): Catalog {
    return this.options.catalog;
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

  /** The user's folder: what its models take on disk, and what they may take. */
  budget(): ModelBudget {
    const userFolder = this.options.folders[0]?.path ?? null;
    const usedBytes = this.installed()
      .filter((model) => model.source === 'user')
      .reduce((total, model) => total + model.sizeBytes, 0);
    return { usedBytes, budgetBytes: userFolder ? readBudget(userFolder) : 0 };
  }

  setBudget(budgetBytes: number): void {
    const userFolder = this.options.folders[0]?.path;
    if (!userFolder) throw new Error('No model folder is configured.');
    writeBudget(userFolder, budgetBytes);
    this.changed();
  }

  /** Starts (or resumes) a download; progress and the outcome come through onChange. */
  download(id: string): void {
    void this.fetch(id);
  }

  /**
   * Starts (or joins) a download and resolves with its outcome: null once installed, else why
   * not. A download that would take the user's folder past its budget is not started.
   */
  fetch(id: string): Promise<ModelFailure | 'cancelled' | null> {
    const entry = findEntry(this.options.catalog, id);
    if (!entry) throw new Error(`There is no model "${id}" in the catalog.`);
    const running = this.downloads.get(id);
    if (running) return running.outcome;
    const userFolder = this.options.folders[0]?.path;
    if (!userFolder) throw new Error('No model folder is configured.');
    const { usedBytes, budgetBytes } = this.budget();
    if (usedBytes + (entry.sizeBytes ?? 0) > budgetBytes) {
      const message = `${id} (~${megabytes(entry.sizeBytes ?? 0)} MB) does not fit in the disk budget for models (${megabytes(usedBytes)} of ${megabytes(budgetBytes)} MB used).`;
      this.failures.set(id, { message, failure: 'over-budget' });
      this.changed();
      return Promise.resolve('over-budget');
    }
    const controller = new AbortController();
    const download: Download = { progress: { done: 0, total: entry.sizeBytes ?? 0 }, controller, outcome: Promise.resolve(null) };
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
    const outcome = downloadModel(entry, { userFolder, hubUrl: this.options.hubUrl, headers: this.options.hubHeaders, signal: controller.signal, onProgress }).then(
      () => {
        this.downloads.delete(id);
        for (const listener of this.installListeners) listener();
        return null;
      },
      (error: unknown) => {
        this.downloads.delete(id);
        if (error instanceof DownloadError && error.reason === 'cancelled') return 'cancelled' as const;
        const failure = failureOf(error);
        this.failures.set(id, { message: error instanceof Error ? error.message : String(error), failure });
        return failure;
      },
    );
    download.outcome = outcome;
    const run = outcome.then(() => {
      this.running.delete(run);
      this.changed();
    });
    this.running.add(run);
    return outcome;
  }

  /** Bytes of a running download so far and in all; null when `id` is not downloading. */
  progressOf(id: string): { done: number; total: number } | null {
    return this.downloads.get(id)?.progress ?? null;
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
      error: this.failures.get(entry.id)?.message ?? (found && !complete && !download ? incomplete(found) : null),
      failure: this.failures.get(entry.id)?.failure ?? null,
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
    failure: null,
  };
}

/** A download error as a kind the interface can word plainly. */
export function failureOf(error: unknown): ModelFailure {
  if (!(error instanceof DownloadError)) return (error as NodeJS.ErrnoException | null)?.code === 'ENOSPC' ? 'disk-full' : 'server';
  const kinds: Record<DownloadError['reason'], ModelFailure> = {
    network: 'offline',
    forbidden: 'forbidden',
    'not-found': 'not-found',
    checksum: 'damaged',
    'disk-full': 'disk-full',
    http: 'server',
    busy: 'server',
    cancelled: 'server',
  };
  return kinds[error.reason];
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1_000_000);
}

function incomplete(found: InstalledModel): string {
  return `The copy in ${found.folder} is incomplete: ${found.missing.join(', ')} missing.`;
}
