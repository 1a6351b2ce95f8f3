import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf, rendererCsp } from '../host/renderer-files.js';
import { APP_SCHEME, appUrlToFile } from './app-url.js';

/** Must run before the app is ready: app:// becomes a secure, standard origin of its own. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves app://workstation/* from the renderer folder only, every response with the strict CSP. */
export function serveRenderer(rendererDir: string, connectSources: () => string[]): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? appUrlToFile(rendererDir, request.url) : null;
    const body = file ? await readFile(file).catch(() => null) : null;
    const csp = rendererCsp(connectSources());
    if (!file || !body) return new Response('Not found.', { status: 404, headers: headersFor('text/plain; charset=utf-8', csp) });
    return new Response(new Uint8Array(body), { status: 200, headers: headersFor(contentTypeOf(file), csp) });
  });
}

function headersFor(contentType: string, csp: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
}
