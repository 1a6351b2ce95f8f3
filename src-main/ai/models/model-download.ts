import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogEntry } from './catalog.js';
import { DownloadError, downloadFile, fileUrl, probeFile, PUBLIC_HUB, sha256Of, sizeOf, type RemoteFile } from './hub-download.js';

export interface ModelDownloadOptions {
  /** The user's model folder: the model is assembled in `.downloads/<id>/` there, then moved to `<id>/`. */
  userFolder: string;
  /** The public hub (default) or a company mirror serving the same paths, path prefix allowed. */
  hubUrl?: string;
  /** Aborting stops the download and keeps what arrived; the next download resumes from there. */
  signal?: AbortSignal;
  /** Sent to the model source itself (not to a CDN it redirects to): a mirror's token, say. */
  headers?: Record<string, string>;
  onProgress?: (progress: ModelProgress) => void;
}

export interface ModelProgress {
  modelId: string;
  /** Bytes of the whole model on disk so far, and in all. */
  done: number;
  total: number;
  /** The file being downloaded, its bytes so far, and its size. */
  file: string;
  fileDone: number;
  fileTotal: number;
}

export interface DownloadedModel {
  id: string;
  folder: string;
  sizeBytes: number;
}

/** Models being downloaded, by their final folder: one download per model at a time. */
const running = new Set<string>();

/**
 * Downloads every file of a catalog model and installs the folder only when each one arrived
 * whole and matched its checksum, so the app never sees half a model. Files that arrived in an
 * earlier try are kept (and checked again); a file that broke off resumes.
 */
export async function downloadModel(entry: CatalogEntry, options: ModelDownloadOptions): Promise<DownloadedModel> {
  const target = path.resolve(options.userFolder, entry.id);
  if (running.has(target)) throw new DownloadError(`${entry.id} is already downloading.`, 'busy');
  running.add(target);
  try {
    return await download(entry, target, options);
  } finally {
    running.delete(target);
  }
}

async function download(entry: CatalogEntry, target: string, options: ModelDownloadOptions): Promise<DownloadedModel> {
  const hubUrl = checkedHubUrl(options.hubUrl ?? PUBLIC_HUB);
  const staging = path.join(path.dirname(target), '.downloads', entry.id);
  const url = (file: string) => fileUrl(hubUrl, entry.repo, entry.revision, file);
  const request = { signal: options.signal, headers: options.headers };
  const failed = (file: string, error: unknown): never => {
    if (!(error instanceof DownloadError) || error.reason === 'cancelled') throw error;
    throw new DownloadError(`${entry.id}: ${file}: ${error.message}`, error.reason);
  };

  // A source that refuses HEAD still serves the files; only the total is unknown until they arrive.
  const unprobed = (file: string, error: unknown): RemoteFile => (error instanceof DownloadError && error.reason === 'http' ? { size: null, sha256: null } : failed(file, error));
  // Ask for every file's size first: the total is known from the start, and a file the source
  // lacks fails the download before a hundred megabytes of the others arrive.
  const remote = await Promise.all(entry.files.map((file) => probeFile(url(file), request).catch((error: unknown) => unprobed(file, error))));
  const sizes = entry.files.map((_, index) => remote[index]?.size ?? 0);
  let finished = 0;
  const report = (file: string, index: number, fileDone: number) => {
    const fileTotal = Math.max(sizes[index] ?? 0, fileDone);
    sizes[index] = fileTotal;
    options.onProgress?.({ modelId: entry.id, done: finished + fileDone, total: sum(sizes), file, fileDone, fileTotal });
  };

  for (const [index, file] of entry.files.entries()) {
    const destination = path.join(staging, ...file.split('/'));
    await mkdir(path.dirname(destination), { recursive: true });
    const expected = entry.sha256?.[file] ?? remote[index]?.sha256 ?? null;
    let size = await keptFromEarlierTry(destination, expected, remote[index]);
    if (size === null) {
      try {
        ({ size } = await downloadFile(url(file), destination, { ...request, sha256: expected ?? undefined, onProgress: (done) => report(file, index, done) }));
      } catch (error) {
        failed(file, error);
      }
    }
    sizes[index] = size ?? 0;
    report(file, index, size ?? 0);
    finished += size ?? 0;
  }

  await install(staging, target);
  return { id: entry.id, folder: target, sizeBytes: finished };
}

/** A file finished in an earlier try still counts if it still matches what the source says. */
async function keptFromEarlierTry(file: string, sha256: string | null, remote: RemoteFile | undefined): Promise<number | null> {
  if (!existsSync(file)) return null;
  const size = await sizeOf(file);
  const stale = (remote?.size != null && remote.size !== size) || (sha256 !== null && (await sha256Of(file)) !== sha256);
  if (!stale) return size;
  await rm(file, { force: true });
  return null;
}

/**
 * Everything verified: the folder appears whole, or not at all. A copy already there (an older
 * download, an incomplete folder placed by hand) is set aside in `.downloads` first and deleted
 * once the new one is in place.
 */
async function install(staging: string, target: string): Promise<void> {
  const previous = `${staging}.previous`;
  await rm(previous, { recursive: true, force: true });
  const replacing = existsSync(target);
  if (replacing) await rename(target, previous);
  try {
    await rename(staging, target);
  } catch (error) {
    if (replacing) await rename(previous, target).catch(() => {});
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}

function checkedHubUrl(hubUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(hubUrl);
  } catch {
    throw new DownloadError(`The model source "${hubUrl}" is not a URL.`, 'http');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new DownloadError(`The model source "${hubUrl}" must be an http(s) URL.`, 'http');
  return hubUrl;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
