import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';

/**
 * One file from the model hub, or a company mirror that serves the same paths, in the hub's
 * documented format: `GET {base}/{repo}/resolve/{revision}/{path}`. Large (LFS) files are answered
 * with a redirect to a CDN; that first answer carries the content's sha256 in `X-Linked-Etag` and
 * its size in `X-Linked-Size`. The CDN honours `Range`, which is how a broken download resumes.
 */

export const PUBLIC_HUB = 'https://huggingface.co';

/** `forbidden`: 401 or 403 from the model source; `disk-full`: the disk refused a write (ENOSPC). */
export type DownloadFailure = 'not-found' | 'forbidden' | 'http' | 'network' | 'checksum' | 'disk-full' | 'cancelled' | 'busy';

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly reason: DownloadFailure,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** What the hub says about a file before sending it. */
export interface RemoteFile {
  size: number | null;
  /** From `X-Linked-Etag`, when it is a sha256 (LFS files on the hub). */
  sha256: string | null;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Sent to the model source's own origin only, never to a CDN it redirects to (a token, say). */
  headers?: Record<string, string>;
}

export interface FileDownloadOptions extends RequestOptions {
  /** The catalog's pinned sha256: it wins over what the server says. */
  sha256?: string;
  /** Bytes of this file on disk so far, after every chunk (resumed bytes included once the server agreed to resume). */
  onProgress?: (done: number, total: number | null) => void;
}

const MAX_REDIRECTS = 10;

export function fileUrl(base: string, repo: string, revision: string, file: string): string {
  const path = [...repo.split('/'), 'resolve', revision, ...file.split('/')].map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/${path}`;
}

/** Size and checksum without downloading (a HEAD request), for the total of a model's download. */
export async function probeFile(url: string, options: RequestOptions = {}): Promise<RemoteFile> {
  const { response, linked } = await request(url, 'HEAD', options, {}, (hop) => hop.linked.size !== null);
  const length = response.status === 200 ? sizeHeader(response.headers.get('content-length')) : null;
  return { size: linked.size ?? length, sha256: linked.sha256 };
}

/**
 * Downloads `url` to `destination`. Bytes arrive in `<destination>.part`; an earlier, interrupted
 * try is resumed with `Range` (appended on 206, started over on 200). The finished file is checked
 * against the pinned sha256, else the hub's, and only then renamed into place. A mismatch deletes
 * the part (the next try starts over rather than build on bad bytes); a cancel or a broken
 * connection keeps it.
 */
export async function downloadFile(url: string, destination: string, options: FileDownloadOptions = {}): Promise<{ size: number; sha256: string }> {
  const part = `${destination}.part`;
  for (let attempt = 0; ; attempt++) {
    const have = await sizeOf(part);
    const range: Record<string, string> = have > 0 && attempt === 0 ? { range: `bytes=${have}-` } : {};
    const { response, linked } = await request(url, 'GET', options, range);
    const expected = { sha256: options.sha256 ?? linked.sha256, size: linked.size };

    if (response.status === 416 || (response.status === 206 && rangeStart(response) !== have)) {
      // The part is already whole (the last try stopped before the rename), or the server
      // cannot continue from it: check what is there, else start over once.
      const total = response.status === 416 ? rangeTotal(response) : null;
      await response.body?.cancel();
      if (total === have && expected.sha256) return finish(part, destination, expected, url);
      if (attempt > 0) throw new DownloadError(`${url} answered ${response.status} to a request for the whole file.`, 'http');
      await rm(part, { force: true });
      continue;
    }
    const resuming = response.status === 206;
    const total = expected.size ?? (resuming ? rangeTotal(response) : sizeHeader(response.headers.get('content-length')));
    await save(response, part, resuming ? have : 0, total, options);
    return finish(part, destination, expected, url);
  }
}

async function save(response: Response, part: string, from: number, total: number | null, options: FileDownloadOptions): Promise<void> {
  if (!response.body) throw new DownloadError(`${response.url} answered without a body.`, 'http');
  const reader = response.body.getReader();
  const file = await open(part, from > 0 ? 'a' : 'w');
  let done = from;
  try {
    options.onProgress?.(done, total);
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (options.signal?.aborted) throw cancelled();
        throw new DownloadError(`The download of ${response.url} broke off after ${done} bytes (${describe(error)}); it resumes from there.`, 'network');
      }
      if (chunk.done) break;
      await write(file, chunk.value);
      done += chunk.value.byteLength;
      options.onProgress?.(done, total);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    // Every byte written so far is on disk before the next try measures the part.
    await file.close();
  }
}

/** A full disk is its own failure: the agent can free space, which a retry cannot. */
async function write(file: Awaited<ReturnType<typeof open>>, bytes: Uint8Array): Promise<void> {
  try {
    await file.write(bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw new DownloadError(`The disk is full (${describe(error)}).`, 'disk-full');
    throw error;
  }
}

async function finish(part: string, destination: string, expected: { sha256: string | null; size: number | null }, url: string): Promise<{ size: number; sha256: string }> {
  const size = await sizeOf(part);
  const sha256 = await sha256Of(part);
  const wrongSize = expected.size !== null && size !== expected.size;
  if (wrongSize || (expected.sha256 && sha256 !== expected.sha256)) {
    await rm(part, { force: true });
    const what = wrongSize ? `${size} bytes, expected ${expected.size}` : `sha256 ${sha256}, expected ${expected.sha256}`;
    throw new DownloadError(`${url} arrived damaged (${what}); it was deleted and downloads again from the start.`, 'checksum');
  }
  await rename(part, destination);
  return { size, sha256 };
}

interface Hop {
  response: Response;
  linked: RemoteFile;
}

/**
 * Follows redirects by hand: the checksum is on the hub's own answer, not the CDN's, and a token
 * for the model source must not travel to another host. `stopAt` ends the walk early (a HEAD that
 * already has the size need not ask the CDN).
 */
async function request(url: string, method: 'GET' | 'HEAD', options: RequestOptions, extra: Record<string, string>, stopAt?: (hop: Hop) => boolean): Promise<Hop> {
  const origin = new URL(url).origin;
  const linked: RemoteFile = { size: null, sha256: null };
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const sameOrigin = new URL(current).origin === origin;
    // Ranges and sizes count stored bytes: a compressed answer would break both.
    const headers = { 'accept-encoding': 'identity', ...(sameOrigin ? options.headers : {}), ...extra };
    let response: Response;
    try {
      response = await fetch(current, { method, headers, redirect: 'manual', signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw cancelled();
      throw new DownloadError(`Cannot reach ${new URL(current).origin} (${describe(error)}).`, 'network');
    }
    linked.size ??= sizeHeader(response.headers.get('x-linked-size'));
    linked.sha256 ??= sha256Header(response.headers.get('x-linked-etag'));
    const location = response.headers.get('location');
    if (!(response.status >= 300 && response.status < 400 && location)) return { response: checked(response, url), linked };
    if (stopAt?.({ response, linked })) return { response, linked };
    await response.body?.cancel();
    current = new URL(location, current).toString();
  }
  throw new DownloadError(`${url} redirected more than ${MAX_REDIRECTS} times.`, 'http');
}

function checked(response: Response, url: string): Response {
  if (response.ok || response.status === 416) return response;
  void response.body?.cancel();
  if (response.status === 404) throw new DownloadError(`${url} was not found (404): check the model's repo and revision, and the model source.`, 'not-found');
  const refused = response.status === 401 || response.status === 403;
  const hint = refused ? ': the model source refused access' : '';
  throw new DownloadError(`${url} answered ${response.status} ${response.statusText}${hint}.`, refused ? 'forbidden' : 'http');
}

function cancelled(): DownloadError {
  return new DownloadError('The download was cancelled; what arrived is kept and the next download resumes from there.', 'cancelled');
}

/** `X-Linked-Etag: "<sha256>"` (quoted, maybe weak); anything else is not a content checksum. */
function sha256Header(value: string | null): string | null {
  const hex = value?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  return hex && /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

function sizeHeader(value: string | null): number | null {
  return value && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/** `Content-Range: bytes 100-199/200` → 100. */
function rangeStart(response: Response): number | null {
  const match = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  return match?.[1] ? Number(match[1]) : null;
}

// `Content-Range: bytes 100-199/200`, or `bytes */200` on a 416 → 200.
function rangeTotal(response: Response): number | null {
  const match = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  return match?.[1] ? Number(match[1]) : null;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause instanceof Error ? `${message}: ${cause.message}` : message;
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
