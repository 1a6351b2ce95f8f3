import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ModelInfo, ModelSource } from '../../../src-shared/api/contract.js';
import type { Catalog, CatalogModel } from './catalog.js';
import { DownloadError, downloadFile, fileUrl, probeFile } from './hub-download.js';

export const PUBLIC_HUB = 'https://huggingface.co';

export interface ModelFolder {
  path: string;
  source: ModelSource;
}

export interface ModelManagerOptions {
  catalog: Catalog;
  /** Searched in order; the first is the user's, where downloads go. */
  folders: readonly ModelFolder[];
  /** The public hub, or a company mirror that serves the same paths. */
  hubUrl: string;
}

interface Download {
  done: number;
  total: number;
  controller: AbortController;
  error: string | null;
}

/** Progress is reported at most this often. */
const PROGRESS_EVERY_MS = 250;

/**
 * What models are on this machine (with size and licence), and downloads of the missing ones
 * from the hub or a mirror: resumable, checked, installed atomically into the user's folder.
 */
export class ModelManager {
  private readonly downloads = new Map<string, Download>();
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

  list(): ModelInfo[] {
    const installed = this.installed();
    const listed: ModelInfo[] = this.options.catalog.models.map((model) => this.describe(model, installed.get(model.id)));
    for (const [id, found] of installed) {
      if (!this.options.catalog.models.some((model) => model.id === id)) listed.push({ ...unlisted(id), ...found, state: 'installed' });
    }
    return listed;
  }

  /** Starts (or resumes) a download; progress and the outcome come through onChange. */
  download(id: string): void {
    const model = this.options.catalog.models.find((entry) => entry.id === id);
    if (!model) throw new Error(`There is no model "${id}" in the catalog.`);
    if (this.downloads.has(id)) return;
    const download: Download = { done: 0, total: model.sizeBytes, controller: new AbortController(), error: null };
    this.downloads.set(id, download);
    this.failures.delete(id);
    this.changed();
    void this.fetchModel(model, download).finally(() => {
      this.downloads.delete(id);
      this.changed();
    });
  }

  /** Stops a download; what arrived stays, and the next download resumes from there. */
  cancel(id: string): void {
    this.downloads.get(id)?.controller.abort();
  }

  /** Resolves when no download runs (tests). */
  async idle(): Promise<void> {
    while (this.downloads.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  close(): void {
    for (const download of this.downloads.values()) download.controller.abort();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private async fetchModel(model: CatalogModel, download: Download): Promise<void> {
    const userFolder = this.options.folders[0]?.path;
    if (!userFolder) throw new Error('No model folder is configured.');
    const staging = path.join(userFolder, '.downloads', model.id);
    const revision = model.revision ?? this.options.catalog.revision;
    const url = (file: string) => fileUrl(this.options.hubUrl, model.repo, revision, file);
    const { signal } = download.controller;
    let lastReport = 0;
    const progress = (delta: number) => {
      download.done += delta;
      if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = Date.now();
        this.changed();
      }
    };
    try {
      const sizes = await Promise.all(model.files.map(async (file) => (await probeFile(url(file), signal)).size ?? 0));
      download.total = sizes.reduce((a, b) => a + b, 0) || model.sizeBytes;
      for (const file of model.files) {
        const target = path.join(staging, file);
        await mkdir(path.dirname(target), { recursive: true });
        if (existsSync(target)) {
          progress(statSync(target).size);
          continue;
        }
        download.done += sizeOfPart(target);
        await downloadFile(url(file), target, { signal, pinned: model.sha256?.[file], onBytes: progress });
      }
      await install(staging, path.join(userFolder, model.id));
      for (const listener of this.installListeners) listener();
    } catch (error) {
      const cancelled = error instanceof DownloadError && error.reason === 'cancelled';
      if (!cancelled) this.failures.set(model.id, error instanceof Error ? error.message : String(error));
    }
  }

  private describe(model: CatalogModel, found: Found | undefined): ModelInfo {
    const download = this.downloads.get(model.id);
    const base = {
      id: model.id,
      task: model.task,
      languages: languagesOf(model),
      licence: model.licence,
      sizeBytes: found?.sizeBytes ?? model.sizeBytes,
      folder: found?.folder ?? null,
      source: found?.source ?? null,
      error: this.failures.get(model.id) ?? null,
      progress: download ? { done: download.done, total: download.total } : null,
    };
    if (download) return { ...base, state: 'downloading' };
    return { ...base, state: found ? 'installed' : 'available' };
  }

  /** Models on disk by id, the first folder that has one winning. */
  private installed(): Map<string, Found> {
    const found = new Map<string, Found>();
    for (const folder of this.options.folders) {
      if (!existsSync(folder.path)) continue;
      for (const entry of readdirSync(folder.path, { withFileTypes: true })) {
        const modelPath = path.join(folder.path, entry.name);
        if (!entry.isDirectory() || entry.name.startsWith('.') || found.has(entry.name) || !existsSync(path.join(modelPath, 'config.json'))) continue;
        found.set(entry.name, { folder: modelPath, source: folder.source, sizeBytes: folderSize(modelPath) });
      }
    }
    return found;
  }
}

interface Found {
  folder: string;
  source: ModelSource;
  sizeBytes: number;
}

function languagesOf(model: CatalogModel): string {
  if (!model.languages) return 'multilingual';
  return 'source' in model.languages ? `${model.languages.source} → ${model.languages.target}` : '100 languages';
}

/** A model someone placed by hand: we know only what its folder name says. */
function unlisted(id: string): Omit<ModelInfo, 'folder' | 'source' | 'sizeBytes' | 'state'> {
  const pair = /^opus-mt-([a-z]{2,3})-([a-z]{2,3})$/.exec(id);
  return {
    id,
    task: pair ? 'translation' : 'embedding',
    languages: pair ? `${pair[1]} → ${pair[2]}` : 'unknown',
    licence: pair ? 'CC-BY-4.0' : 'unknown',
    error: null,
    progress: null,
  };
}

/** Everything verified: the folder appears whole, or not at all. */
async function install(staging: string, target: string): Promise<void> {
  const previous = `${target}.replaced`;
  if (existsSync(target)) await rename(target, previous);
  await rename(staging, target);
  await rm(previous, { recursive: true, force: true });
}

function sizeOfPart(target: string): number {
  try {
    return statSync(`${target}.part`).size;
  } catch {
    return 0;
  }
}

function folderSize(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? folderSize(full) : statSync(full).size;
  }
  return total;
}
