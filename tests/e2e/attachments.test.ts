import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../src-main/core/api-router.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { startWebHost } from '../../src-main/web-host/server.js';
import { pdfFile, playableOpusFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { artifactPath, chromiumAvailable, launchChromium, signInOnPage, startWebChat } from '../support/chromium.js';

const RENDERER_DIR = path.resolve('dist/renderer');

/** Files both ways between a web-chat customer and an agent's desk, each in a real Chromium. */
describe.skipIf(!chromiumAvailable())('browser: attachments between customer and agent', () => {
  let dir: string;
  let relay: RunningRelay;
  let workstation: Workstation;
  let host: Awaited<ReturnType<typeof startWebHost>>;
  let browser: Browser;
  let customer: Page;
  let agent: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`.');
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-files-'));
    relay = await startRelay({ dbPath: path.join(dir, 'relay.sqlite'), seedDemo: true, files: { dir: path.join(dir, 'relay-files') } });
    workstation = Workstation.open({ dbPath: path.join(dir, 'workstation.sqlite'), relayUrl: relay.url });
    host = await startWebHost({ router: createApiRouter(workstation.handlers), events: workstation, rendererDir: RENDERER_DIR });
    browser = await launchChromium();
    customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await workstation?.close();
    await relay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows the agent the customer's image inline, and the customer the agent's PDF to save", async () => {
    await signInOnPage(agent, host.url, 'mei@demo.test');
    await startWebChat(customer, relay.url, '王芳', '包裹破了');
    const png = pngFile(32, 32);
    await customer.getByTestId('chat-file-input').setInputFiles({ name: '破损.png', mimeType: 'image/png', buffer: png });
    const customerImage = customer.getByTestId('chat-attachment-image');
    await expect.poll(() => customerImage.getAttribute('src'), { timeout: 15_000 }).toMatch(/^blob:/);

    await agent.getByTestId('inbox-item').filter({ hasText: '王芳' }).click();
    const image = agent.getByTestId('message-file-image');
    await expect.poll(() => image.getAttribute('src'), { timeout: 15_000 }).toMatch(/^blob:/);
    // The image decoded: the bytes arrived whole, through the CSP.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(32);
    expect(await image.getAttribute('alt')).toBe('破损.png');

    // An oversized file is refused before upload, in words.
    await agent.getByTestId('composer-file-input').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
    expect(await agent.getByTestId('composer-file-refusal').innerText()).toContain('over the 5 MB allowed');

    const pdf = pdfFile();
    await agent.getByTestId('composer-file-input').setInputFiles({ name: '退货单.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => agent.getByTestId('composer-file').getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
    await agent.getByTestId('composer-input').fill('请打印这张退货单。');
    await agent.getByTestId('composer-send').click();
    const sent = agent.getByTestId('thread-message').filter({ hasText: '请打印这张退货单' });
    await expect.poll(() => sent.getAttribute('data-delivery'), { timeout: 15_000 }).toBe('sent');
    expect(await sent.getByTestId('message-file-link').innerText()).toContain('退货单.pdf');
    expect(await agent.getByTestId('composer-files').count()).toBe(0);

    const link = customer.getByTestId('chat-attachment-file');
    await expect.poll(() => link.getAttribute('href'), { timeout: 15_000 }).toMatch(/^blob:/);
    expect(await link.getAttribute('download')).toBe('退货单.pdf');
    const [download] = await Promise.all([customer.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('退货单.pdf');
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);
    await agent.screenshot({ path: artifactPath('attachments-agent.png') });
    await customer.screenshot({ path: artifactPath('attachments-customer.png') });
  }, 90_000);

  it("plays the customer's voice note on the agent's desk, through the CSP", async () => {
    const second = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await startWebChat(second, relay.url, '李雷', '听我的语音');
    const voice = playableOpusFile(3);
    await second.getByTestId('chat-file-input').setInputFiles({ name: '语音.ogg', mimeType: 'audio/ogg', buffer: voice });
    await agent.getByTestId('inbox-item').filter({ hasText: '李雷' }).click();
    const player = agent.getByTestId('message-file-audio');
    await expect.poll(() => player.getAttribute('src'), { timeout: 15_000 }).toMatch(/^blob:/);
    // The player read the stream's length from its bytes: the CSP let the blob: URL through, whole.
    await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.duration), { timeout: 15_000 }).toBeCloseTo(3, 1);
    expect(await player.getAttribute('aria-label')).toContain('语音.ogg');
  }, 60_000);
});
