import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface PageFile {
  body: string;
  type: string;
}

/**
 * The customer's web chat (/chat with its script and style) and the embeddable /widget.js, as
 * `npm run build:webchat` leaves them in dist/webchat (beside resources/; sources in src-webchat/).
 * Read once at start: they are small, and a missing file should fail the start, not a visitor.
 */
export function registerChatPages(app: FastifyInstance, resourcesDir: string): void {
  const builtDir = path.join(path.dirname(resourcesDir), 'dist', 'webchat');
  const read = (name: string, type: string): PageFile => {
    const file = path.join(builtDir, name);
    if (!existsSync(file)) throw new Error(`The customer web chat is not built (${file} is missing): run \`npm run build:webchat\` first.`);
    return { body: readFileSync(file, 'utf8'), type };
  };
  const page = read('chat.html', 'text/html; charset=utf-8');
  const assets: Record<string, PageFile> = {
    '/chat.js': read('chat.js', 'text/javascript; charset=utf-8'),
    '/chat.css': read('chat.css', 'text/css; charset=utf-8'),
  };
  const widget = read('widget.js', 'text/javascript; charset=utf-8');

  app.get('/chat', (request, reply) => {
    void reply.headers(pageHeaders(request)).type(page.type).send(page.body);
  });
  for (const [url, file] of Object.entries(assets)) {
    app.get(url, (_request, reply) => sendAsset(reply, file));
  }
  // Loaded by other companies' sites, so it may be fetched cross-origin.
  app.get('/widget.js', (_request, reply) => {
    void reply.header('cross-origin-resource-policy', 'cross-origin').header('access-control-allow-origin', '*');
    sendAsset(reply, widget);
  });
}

function sendAsset(reply: FastifyReply, file: PageFile): void {
  void reply
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-cache')
    .type(file.type)
    .send(file.body);
}

/**
 * Scripts only from files here (no inline script), sockets only back to this relay; any site may
 * frame it. Images also from blob: URLs: attachments are fetched with the visitor token, which
 * an <img src> could not send. The microphone is for this page's web calls only, never for a frame inside it.
 */
function pageHeaders(request: FastifyRequest): Record<string, string> {
  const host = request.headers.host ?? '';
  const sockets = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? ` ws://${host} wss://${host}` : '';
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${sockets}`,
    "img-src 'self' data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
    'frame-ancestors *',
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(self), geolocation=()',
    'cache-control': 'no-cache',
  };
}
