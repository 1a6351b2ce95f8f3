import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A model hub on 127.0.0.1 speaking the public hub's wire format for downloads:
 * `/{repo}/resolve/{revision}/{path}`. Large ("LFS") files answer with a 302 to `/cdn/<sha256>`
 * and carry `X-Linked-Etag` (their sha256, quoted) and `X-Linked-Size`; small files come directly,
 * with their git blob sha1 as `ETag`. Downloads honour `Range` (206 + Content-Range, 416 past the
 * end). Mounted under a path prefix it is a company mirror; the CDN may be another origin.
 */
export interface FakeHub {
  /** The base URL to configure: `http://127.0.0.1:<port><prefix>`. */
  url: string;
  requests: FakeHubRequest[];
  /** Send this many bytes of `file`'s body, once, then cut the connection. */
  dropOnce(file: string, afterBytes: number): void;
  /** Send this many bytes of `file`'s body, once, then stall until the client gives up. */
  stallOnce(file: string, afterBytes: number): void;
  /** Serve these bytes for `file` while the headers still announce the real checksum and size. */
  corrupt(file: string, bytes: Buffer): void;
  close(): Promise<void>;
}

export interface FakeHubRequest {
  method: string;
  /** `hub` for the resolve endpoint, `cdn` for the redirect's target. */
  server: 'hub' | 'cdn';
  path: string;
  range: string | null;
  authorization: string | null;
}

export interface FakeHubOptions {
  /** A mirror's path prefix: "/mirror/hf". */
  prefix?: string;
  /** The CDN on another port, reached by an absolute `Location`, as the real hub's is. */
  cdnElsewhere?: boolean;
  /** Files of at least this size (default 10,000 bytes: the ONNX graphs, not the JSON) are LFS files. */
  lfsThreshold?: number;
}

/** Repos by name ("Xenova/opus-mt-es-en"), each a map from file path to content. */
export type FakeRepos = Record<string, Record<string, Buffer>>;

export async function startFakeHub(repos: FakeRepos, prefixOrOptions: string | FakeHubOptions = {}): Promise<FakeHub> {
  const options = typeof prefixOrOptions === 'string' ? { prefix: prefixOrOptions } : prefixOrOptions;
  const prefix = options.prefix ?? '';
  const lfsThreshold = options.lfsThreshold ?? 10_000;
  const requests: FakeHubRequest[] = [];
  const faults = new Map<string, { afterBytes: number; then: 'drop' | 'stall' }>();
  const corrupted = new Map<string, Buffer>();
  const byHash = new Map<string, { file: string; content: Buffer }>();
  for (const files of Object.values(repos)) {
    for (const [file, content] of Object.entries(files)) byHash.set(sha256(content), { file, content });
  }

  const log = (server: FakeHubRequest['server'], request: IncomingMessage, path: string) =>
    requests.push({ method: request.method ?? 'GET', server, path, range: request.headers.range ?? null, authorization: request.headers.authorization ?? null });

  const serveCdn = (request: IncomingMessage, response: ServerResponse, path: string): void => {
    const hash = /^\/cdn\/([0-9a-f]{64})$/.exec(path)?.[1];
    const file = hash ? byHash.get(hash) : undefined;
    if (!file) return notFound(response, 'Entry not found');
    // A CDN sends its own validators, never the hub's checksum headers.
    response.setHeader('etag', `"${createHash('md5').update(file.content).digest('hex')}"`);
    serveBody(request, response, corrupted.get(file.file) ?? file.content, file.file, faults);
  };

  let cdnBase = '';
  const cdn = options.cdnElsewhere
    ? createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://cdn').pathname;
        log('cdn', request, path);
        serveCdn(request, response, path);
      })
    : null;

  const hub: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://hub').pathname;
    if (!cdn && path.startsWith('/cdn/')) {
      log('cdn', request, path);
      return serveCdn(request, response, path);
    }
    log('hub', request, path);
    if (!path.startsWith(`${prefix}/`)) return notFound(response, 'Not found');
    const route = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path.slice(prefix.length));
    const files = route?.[1] ? repos[decodeURIComponent(route[1])] : undefined;
    if (!route?.[3] || !files) return notFound(response, 'Repository not found', 'RepoNotFound');
    const file = route[3].split('/').map(decodeURIComponent).join('/');
    const content = files[file];
    if (!content) return notFound(response, 'Entry not found', 'EntryNotFound');
    response.setHeader('x-repo-commit', '0123456789abcdef0123456789abcdef01234567');
    if (content.length >= lfsThreshold) {
      const hash = sha256(content);
      response.writeHead(302, {
        // The public hub answers with an absolute CDN URL; a same-origin mirror may use a path.
        location: `${cdnBase}/cdn/${hash}`,
        'x-linked-etag': `"${hash}"`,
        'x-linked-size': String(content.length),
        etag: `"${hash}"`,
      });
      return void response.end();
    }
    response.setHeader('etag', `"${gitSha1(content)}"`);
    serveBody(request, response, content, file, faults);
  });

  await listen(hub);
  if (cdn) {
    await listen(cdn);
    cdnBase = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  }
  const { port } = hub.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    dropOnce: (file, afterBytes) => faults.set(file, { afterBytes, then: 'drop' }),
    stallOnce: (file, afterBytes) => faults.set(file, { afterBytes, then: 'stall' }),
    corrupt: (file, bytes) => corrupted.set(file, bytes),
    close: async () => {
      for (const server of [hub, cdn]) {
        if (!server) continue;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

function serveBody(request: IncomingMessage, response: ServerResponse, content: Buffer, file: string, faults: Map<string, { afterBytes: number; then: 'drop' | 'stall' }>): void {
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  const start = range?.[1] ? Number(range[1]) : 0;
  const end = range?.[2] ? Math.min(Number(range[2]), content.length - 1) : content.length - 1;
  if (range && start >= content.length) {
    response.writeHead(416, { 'content-range': `bytes */${content.length}` });
    return void response.end();
  }
  const body = content.subarray(start, end + 1);
  response.writeHead(range ? 206 : 200, {
    'content-type': 'application/octet-stream',
    'content-length': String(body.length),
    'accept-ranges': 'bytes',
    ...(range ? { 'content-range': `bytes ${start}-${end}/${content.length}` } : {}),
  });
  if (request.method === 'HEAD') return void response.end();
  const fault = faults.get(file);
  if (!fault) return void response.end(body);
  faults.delete(file);
  // Let the bytes reach the client before the cut: a reset can discard data not yet read.
  response.write(body.subarray(0, fault.afterBytes), () => {
    if (fault.then === 'drop') setTimeout(() => response.destroy(), 100);
  });
}

function notFound(response: ServerResponse, message: string, code?: string): void {
  response.writeHead(404, { 'content-type': 'text/plain', ...(code ? { 'x-error-code': code } : {}) });
  response.end(message);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function gitSha1(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
