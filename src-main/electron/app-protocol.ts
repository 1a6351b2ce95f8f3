import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf, RENDERER_CSP } from '../host/renderer-files.js';
import { APP_SCHEME, appUrlToFile } from './app-url.js';

/** Must run before the app is ready: app:// becomes a secure, standard origin of its own. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves app://workstation/* from the renderer folder only, every response with the strict CSP. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? appUrlToFile(rendererDir, request.url) : null;
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!file || !body) return new Response('Not found.', { status: 404, headers: headersFor('text/plain; charset=utf-8') });
    return new Response(new Uint8Array(body), { status: 200, headers: headersFor(contentTypeOf(file)) });
  });
}

function headersFor(contentType: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Security-Policy': RENDERER_CSP, 'X-Content-Type-Options': 'nosniff' };
}
