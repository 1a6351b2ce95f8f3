import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../server.js';
import { articleHtml } from './help-pages.js';

describe('public help pages', () => {
  let dir: string;
  let relay: RunningRelay;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'help-pages-'));
    relay = await startRelay({ dbPath: path.join(dir, 'relay.sqlite'), seedDemo: true });
  });

  afterAll(async () => {
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a public article to anyone, in its language, under a strict policy', async () => {
    const response = await fetch(`${relay.url}/help/articles/kb-th-cod`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('เก็บเงินปลายทาง');
    expect((await fetch(`${relay.url}/help/help.css`)).status).toBe(200);
  });

  it('answers the same 404 for an agents-only article as for one that does not exist', async () => {
    const internal = await fetch(`${relay.url}/help/articles/kb-complaint-handling`);
    const missing = await fetch(`${relay.url}/help/articles/kb-no-such-thing`);
    expect(internal.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await internal.text()).toBe(await missing.text());
  });

  it('renders Markdown and drops scripts, handlers, styles and unsafe links', () => {
    const html = articleHtml(
      '**Bold** <script>alert(1)</script><img src=x onerror="alert(2)"> [bad](javascript:alert(3)) [terms](https://shop.example/terms) <style>body{}</style> <iframe src="https://evil.example"></iframe>',
    );
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<a href="https://shop.example/terms" rel="noopener noreferrer nofollow">terms</a>');
    expect(html).not.toMatch(/<script|<img|onerror|javascript:|<style|<iframe/);
  });
});
