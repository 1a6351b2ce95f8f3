import path from 'node:path';

/**
 * How both hosts serve the built renderer: the Electron shell over app:// and the web host
 * over http://127.0.0.1. The same rules apply to both, so they live here once.
 */

/**
 * The renderer loads only its own files and talks only to its own origin, and to the softphone's
 * providers (`connectSources`: Twilio's hosts, the agent's PBX), whose signalling runs beside the media.
 * Images, audio and video also from blob: URLs, which the renderer makes of attachments' bytes
 * read through the core (it reaches no remote address itself).
 */
export function rendererCsp(connectSources: readonly string[] = []): string {
  const connect = ["'self'", ...connectSources].join(' ');
  return (
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src ${connect}; ` +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  );
}

export const RENDERER_CSP = rendererCsp();

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path (still percent-encoded, as it arrived) to a file inside `rendererDir`,
 * or null when it would leave that folder or cannot be decoded. '/' means index.html.
 */
export function resolveRendererFile(rendererDir: string, urlPath: string): string | null {
  const pathOnly = urlPath.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathOnly);
  } catch {
    return null;
  }
  // Backslashes and NUL never name a renderer file; on Windows a backslash would be a separator.
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return file;
}
