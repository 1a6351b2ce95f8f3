import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';

/**
 * One file from a model hub (or a company mirror of one), the way the hub serves it:
 * `GET {base}/{repo}/resolve/{revision}/{path}`, large files answered with a redirect to a CDN and
 * their sha256 in `X-Linked-Etag`, small ones with their git blob sha1 as the `ETag`.
 */

export type Checksum = { kind: 'sha256'; hex: string } | { kind: 'git-sha1'; hex: string };

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly reason: 'not-found' | 'http' | 'checksum' | 'network' | 'cancelled',
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

const MAX_REDIRECTS = 5;

export function fileUrl(base: string, repo: string, revision: string, file: string): string {
  const path = [repo, 'resolve', encodeURIComponent(revision), ...file.split('/').map(encodeURIComponent)].join('/');
  return `${base.replace(/\/+$/, '')}/${path}`;
}

/** Size and checksum without downloading: for the total of a model's download. */
export async function probeFile(url: string, signal?: AbortSignal): Promise<{ size: number | null; checksum: Checksum | null }> {
  const { response, first } = await follow(url, { method: 'HEAD', signal });
  const size = Number(first.headers.get('x-linked-size') ?? response.headers.get('content-length') ?? NaN);
  return { size: Number.isFinite(size) ? size : null, checksum: checksumOf(first.headers) };
}

/**
 * Downloads `url` to `destination`, resuming a `.part` file left by an earlier, interrupted try,
 * and checks it against `pinned` (the catalog's sha256) or else the server's own checksum. A
 * mismatch deletes the part: the next try starts over rather than build on bad bytes.
 */
export async function downloadFile(
  url: string,
  destination: string,
  options: { signal?: AbortSignal; pinned?: string; onBytes?: (delta: number) => void } = {},
): Promise<void> {
  const part = `${destination}.part`;
  const have = await sizeOf(part);
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
  const { response, first } = await follow(url, { method: 'GET', headers, signal: options.signal });
  const expected: Checksum | null = options.pinned ? { kind: 'sha256', hex: options.pinned } : checksumOf(first.headers);
  if (response.status === 416) {
    // The part is already whole (the last try stopped between download and rename).
    await response.body?.cancel();
  } else {
    const resuming = response.status === 206;
    if (!resuming && have > 0) options.onBytes?.(-have);
    await save(response, part, resuming, options);
  }
  await verify(part, expected, url);
  await rename(part, destination);
}

async function save(response: Response, part: string, append: boolean, options: { signal?: AbortSignal; onBytes?: (delta: number) => void }): Promise<void> {
  if (!response.body) throw new DownloadError(`${response.url} answered without a body.`, 'http');
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      options.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  try {
    await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), count, out, { signal: options.signal });
  } catch (error) {
    // What arrived must be on disk before the next try measures the part to resume from.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    if (options.signal?.aborted) throw new DownloadError('The download was cancelled; it resumes where it stopped.', 'cancelled');
    throw new DownloadError(`The download of ${response.url} broke off: ${(error as Error).message}. It resumes where it stopped.`, 'network');
  }
}

/** Follows redirects by hand: the checksum headers are on the hub's first answer, not the CDN's. */
async function follow(url: string, init: { method: string; headers?: Record<string, string>; signal?: AbortSignal }): Promise<{ response: Response; first: Response }> {
  let current = url;
  let first: Response | null = null;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetch(current, { ...init, redirect: 'manual' });
    } catch (error) {
      if (init.signal?.aborted) throw new DownloadError('The download was cancelled; it resumes where it stopped.', 'cancelled');
      throw new DownloadError(`Cannot reach ${new URL(current).origin}: ${(error as Error).message}`, 'network');
    }
    first ??= response;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    if (response.status === 404) throw new DownloadError(`${url} was not found (404): check the model's name and the model source.`, 'not-found');
    if (!response.ok && response.status !== 416) throw new DownloadError(`${url} answered ${response.status} ${response.statusText}.`, 'http');
    return { response, first };
  }
  throw new DownloadError(`${url} redirected more than ${MAX_REDIRECTS} times.`, 'http');
}

function checksumOf(headers: Headers): Checksum | null {
  const linked = clean(headers.get('x-linked-etag'));
  if (linked && /^[0-9a-f]{64}$/.test(linked)) return { kind: 'sha256', hex: linked };
  const etag = clean(headers.get('etag'));
  if (etag && /^[0-9a-f]{64}$/.test(etag)) return { kind: 'sha256', hex: etag };
  if (etag && /^[0-9a-f]{40}$/.test(etag)) return { kind: 'git-sha1', hex: etag };
  return null;
}

function clean(value: string | null): string | null {
  return value ? value.replace(/^W\//, '').replace(/"/g, '').toLowerCase() : null;
}

async function verify(file: string, expected: Checksum | null, url: string): Promise<void> {
  if (!expected) return;
  const size = await sizeOf(file);
  const hash = createHash(expected.kind === 'sha256' ? 'sha256' : 'sha1');
  // Git hashes a blob as "blob <size>\0<content>".
  if (expected.kind === 'git-sha1') hash.update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
  if (actual !== expected.hex) {
    await rm(file, { force: true });
    throw new DownloadError(`${url} arrived damaged (${expected.kind} ${actual}, expected ${expected.hex}); it was deleted and will download again.`, 'checksum');
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
