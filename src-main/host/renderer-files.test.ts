import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveRendererFile } from './renderer-files.js';

const root = path.resolve('/srv/renderer');

describe('resolveRendererFile', () => {
  it('maps / to index.html and plain paths to files inside the folder', () => {
    expect(resolveRendererFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, '/assets/index-3f2a.js')).toBe(path.join(root, 'assets', 'index-3f2a.js'));
    expect(resolveRendererFile(root, '/assets/')).toBe(path.join(root, 'assets', 'index.html'));
  });

  it('ignores the query and the fragment', () => {
    expect(resolveRendererFile(root, '/index.html?v=2#key=abc')).toBe(path.join(root, 'index.html'));
  });

  it('decodes percent-encoding once', () => {
    expect(resolveRendererFile(root, '/fonts/Noto%20Sans.woff2')).toBe(path.join(root, 'fonts', 'Noto Sans.woff2'));
  });

  it('keeps a path that climbs and comes back inside', () => {
    expect(resolveRendererFile(root, '/assets/../index.html')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    '/../package.json',
    '/../../etc/passwd',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..',
    '/..%5cpackage.json',
    '/assets\\..\\..\\package.json',
    '/index.html%00.js',
    '/%E0%A4%A',
    'index.html',
  ])('refuses %s', (urlPath) => {
    expect(resolveRendererFile(root, urlPath)).toBeNull();
  });

  it('keeps a doubled slash inside the folder', () => {
    expect(resolveRendererFile(root, '//etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });
});

describe('contentTypeOf', () => {
  it('knows the renderer file types and falls back to bytes', () => {
    expect(contentTypeOf('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/a/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('/a/model.bin')).toBe('application/octet-stream');
  });
});
