import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../src-main/core/api-router.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { startWebHost } from '../../src-main/web-host/server.js';
import { TEST_PASSWORD } from '../../src-relay/testing/test-relay.js';
import { startCustomerScene, type CustomerScene } from '../channels/customer-scene.js';
import { artifactPath, chromiumAvailable, launchChromium, signInOnPage } from '../support/chromium.js';

const RENDERER_DIR = path.resolve('dist/renderer');

/**
 * The customer panel in a real Chromium: Kim writes to two WhatsApp numbers of the company and
 * is one customer; Ann sees both conversations beside either, opens the other with one click,
 * then merges Kim's Telegram self from the suggestion and undoes it.
 */
describe.skipIf(!chromiumAvailable())('browser: one customer across channels', () => {
  let dir: string;
  let scene: CustomerScene;
  let workstation: Workstation;
  let host: Awaited<ReturnType<typeof startWebHost>>;
  let browser: Browser;
  let ann: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`.');
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-customer-'));
    scene = await startCustomerScene();
    workstation = Workstation.open({ dbPath: path.join(dir, 'ann.sqlite'), relayUrl: scene.relay.url, log: () => {} });
    host = await startWebHost({ router: createApiRouter(workstation.handlers), events: workstation, rendererDir: RENDERER_DIR });
    browser = await launchChromium();
    ann = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await workstation?.close();
    await scene?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const panel = () => ann.getByTestId('customer-panel');
  const panelConversations = () => panel().getByTestId('customer-conversation');

  it('shows both WhatsApp conversations beside either, and opens the other with one click', async () => {
    await signInOnPage(ann, host.url, 'ann@acme.test', TEST_PASSWORD);
    expect(await scene.kimOnWhatsApp('sales', 'Wo ist mein Paket?')).toBe(200);
    expect(await scene.kimOnWhatsApp('support', 'Die Rechnung fehlt')).toBe(200);
    await expect.poll(() => ann.getByTestId('inbox-item').count(), { timeout: 15_000 }).toBe(2);
    await ann.getByTestId('inbox-item').filter({ hasText: 'Wo ist mein Paket?' }).click();
    await expect.poll(() => panelConversations().count(), { timeout: 15_000 }).toBe(2);
    expect(await panel().getByTestId('customer-identity').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('+4915112345678')]));
    await ann.screenshot({ path: artifactPath('customer-panel.png') });

    await panelConversations().filter({ hasText: 'Die Rechnung fehlt' }).click();
    await ann.getByTestId('thread-message').filter({ hasText: 'Die Rechnung fehlt' }).waitFor();
    expect(await panelConversations().filter({ hasText: 'Die Rechnung fehlt' }).getAttribute('aria-current')).toBe('true');
  });

  it('merges the Telegram conversation from the suggestion, and unmerges it', async () => {
    expect(await scene.kimOnTelegram('Hallo auf Telegram')).toBe(200);
    await ann.getByTestId('inbox-item').filter({ hasText: 'Hallo auf Telegram' }).click();
    const suggestion = panel().getByTestId('customer-suggestion');
    await suggestion.waitFor({ timeout: 15_000 });
    expect(await suggestion.innerText()).toContain('Kim Weber may be this customer (same name).');
    await suggestion.getByTestId('customer-merge').click();
    await expect.poll(() => panelConversations().count(), { timeout: 15_000 }).toBe(3);
    await panel().getByTestId('customer-merged').waitFor();
    await ann.screenshot({ path: artifactPath('customer-merged.png') });

    await panel().getByTestId('customer-unmerge').click();
    await expect.poll(() => panelConversations().count(), { timeout: 15_000 }).toBe(1);
    await suggestion.waitFor();
  });
});
