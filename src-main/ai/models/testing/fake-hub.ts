import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A model hub on 127.0.0.1 speaking the public hub's wire format for downloads:
 * `/{repo}/resolve/{revision}/{path}`; large (LFS) files answer with a 302 to a CDN path and carry
 * `X-Linked-Etag` (their sha256) and `X-Linked-Size`; small files come directly with their git blob
 * sha1 as `ETag`; the CDN honours `Range`. Optionally mounted under a path prefix, like a mirror.
 */
export interface FakeHub {
  url: string;
  requests: { method: string; path: string; range: string | null }[];
  /** Cut the connection after this many body bytes, once, for the next request of `file`. */
  dropOnce(file: string, afterBytes: number): void;
  /** Serve these bytes for `file` at the CDN while the headers still announce the real checksum. */
  corrupt(file: string, bytes: Buffer): void;
  close(): Promise<void>;
}

const LFS_THRESHOLD = 1024;

export async function startFakeHub(repos: Record<string, Record<string, Buffer>>, prefix = ''): Promise<FakeHub> {
  const requests: FakeHub['requests'] = [];
  const drops = new Map<string, number>();
  const corrupted = new Map<string, Buffer>();
  const byHash = new Map<string, { file: string; content: Buffer }>();
  for (const files of Object.values(repos)) {
    for (const [file, content] of Object.entries(files)) byHash.set(sha256(content), { file, content });
  }

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    requests.push({ method: request.method ?? 'GET', path: url.pathname, range: request.headers.range ?? null });
    if (!url.pathname.startsWith(`${prefix}/`)) return notFound(response);
    const route = url.pathname.slice(prefix.length);
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(route);
    if (cdn?.[1]) {
      const found = byHash.get(cdn[1]);
      return found ? serveBody(request, response, corrupted.get(found.file) ?? found.content, found.file, drops) : notFound(response);
    }
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(route);
    const content = resolve?.[1] && resolve[3] ? repos[decodeURIComponent(resolve[1])]?.[decodeURIComponent(resolve[3])] : undefined;
    if (!resolve?.[3] || !content) return notFound(response);
    const file = decodeURIComponent(resolve[3]);
    if (content.length >= LFS_THRESHOLD) {
      const hash = sha256(content);
      response.writeHead(302, {
        location: `${prefix}/cdn/${hash}`,
        'x-linked-etag': `"${hash}"`,
        'x-linked-size': String(content.length),
        etag: `"${gitSha1(content)}"`,
      });
      return response.end();
    }
    response.setHeader('etag', `"${gitSha1(content)}"`);
    return serveBody(request, response, content, file, drops);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    dropOnce: (file, afterBytes) => drops.set(file, afterBytes),
    corrupt: (file, bytes) => corrupted.set(file, bytes),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function serveBody(request: IncomingMessage, response: ServerResponse, content: Buffer, file: string, drops: Map<string, number>): void {
  const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  const start = range?.[1] ? Number(range[1]) : 0;
  if (start > content.length || (range && start === content.length)) {
    response.writeHead(416, { 'content-range': `bytes */${content.length}` });
    return void response.end();
  }
  const body = content.subarray(start);
  response.writeHead(range ? 206 : 200, {
    'content-length': String(body.length),
    'accept-ranges': 'bytes',
    ...(range ? { 'content-range': `bytes ${start}-${content.length - 1}/${content.length}` } : {}),
  });
  if (request.method === 'HEAD') return void response.end();
  const dropAfter = drops.get(file);
  if (dropAfter !== undefined) {
    drops.delete(file);
    // Give the bytes time to reach the client before the cut: a reset can discard unread data.
    response.write(body.subarray(0, dropAfter), () => setTimeout(() => response.destroy(), 100));
    return;
  }
  response.end(body);
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('Entry not found');
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function gitSha1(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
