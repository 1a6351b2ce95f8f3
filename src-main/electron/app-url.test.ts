import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, appUrlToFile, originOf } from './app-url.js';

const rendererDir = path.resolve('/opt/workstation/dist/renderer');

describe('originOf', () => {
  it('keeps scheme and host, also for app: which Node calls "null"', () => {
    expect(originOf('app://workstation/index.html')).toBe('app://workstation');
    expect(originOf('http://127.0.0.1:5173/#key=x')).toBe('http://127.0.0.1:5173');
    expect(originOf('https://example.com/a?b')).toBe('https://example.com');
  });

  it('is null for what does not parse', () => {
    expect(originOf('not a url')).toBeNull();
    expect(originOf('')).toBeNull();
  });
});

describe('appUrlToFile', () => {
  it('serves the entry and assets from the renderer folder', () => {
    expect(APP_ENTRY_URL).toBe(`${APP_ORIGIN}/index.html`);
    expect(appUrlToFile(rendererDir, APP_ENTRY_URL)).toBe(path.join(rendererDir, 'index.html'));
    expect(appUrlToFile(rendererDir, 'app://workstation/')).toBe(path.join(rendererDir, 'index.html'));
    expect(appUrlToFile(rendererDir, 'app://workstation/assets/index-1a2b.js?x=1')).toBe(path.join(rendererDir, 'assets', 'index-1a2b.js'));
  });

  it.each([
    'app://workstation/../../package.json',
    'app://workstation/%2e%2e/%2e%2e/package.json',
    'app://workstation/..%2f..%2fpackage.json',
    'app://workstation/..%5c..%5cpackage.json',
    'app://workstation/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecrets.json',
  ])('never leaves the renderer folder: %s', (url) => {
    const file = appUrlToFile(rendererDir, url);
    expect(file === null || file.startsWith(rendererDir + path.sep)).toBe(true);
    expect(file).not.toBe(path.resolve(rendererDir, '..', '..', 'package.json'));
  });

  it.each([
    'app://elsewhere/index.html',
    'app://workstation:8080/index.html',
    'app://user@workstation/index.html',
    'file:///opt/workstation/dist/renderer/index.html',
    'https://workstation/index.html',
    'app://workstation/..%2f..%2fpackage.json',
    'garbage',
  ])('refuses %s', (url) => {
    expect(appUrlToFile(rendererDir, url)).toBeNull();
  });
});
