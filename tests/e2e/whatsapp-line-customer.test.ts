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
const SOMCHAI_WA = '66812345678';
const SOMCHAI_LINE = 'U' + '4af4980629'.padEnd(32, '7');

/**
 * One customer on WhatsApp, then on LINE, in a real Chromium. LINE never tells a user's phone
 * number, so the LINE user is a new customer until they write it; then Ann is offered (not
 * given) the merge with the customer whose WhatsApp proves that number, merges, answers on both
 * channels and sees what each provider tells: WhatsApp's delivered and read ticks from Meta's
 * status callbacks; for LINE, sent only, as LINE's API has no delivery or read receipts.
 */
describe.skipIf(!chromiumAvailable())('browser: one customer on WhatsApp and LINE by the number they wrote', () => {
  let dir: string;
  let scene: CustomerScene;
  let workstation: Workstation;
  let host: Awaited<ReturnType<typeof startWebHost>>;
  let browser: Browser;
  let ann: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`.');
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-wa-line-'));
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
  const delivery = (body: string) => ann.getByTestId('thread-message').filter({ hasText: body }).getByTestId('channel-delivery');
  async function reply(body: string): Promise<void> {
    await ann.getByTestId('composer-input').fill(body);
    await ann.getByTestId('composer-send').click();
    await ann.getByTestId('thread-message').filter({ hasText: body }).waitFor({ timeout: 15_000 });
  }

  it('suggests the merge from the number written on LINE, and shows one customer with both conversations once Ann merges', async () => {
    await signInOnPage(ann, host.url, 'ann@acme.test', TEST_PASSWORD);
    expect(await scene.onWhatsApp(SOMCHAI_WA, 'Somchai Jaidee', 'Hello, my parcel has not arrived')).toBe(200);
    expect(await scene.onLine(SOMCHAI_LINE, 'Hi again, writing from LINE')).toBe(200);
    await expect.poll(() => ann.getByTestId('inbox-item').count(), { timeout: 15_000 }).toBe(2);
    await ann.getByTestId('inbox-item').filter({ hasText: 'writing from LINE' }).click();
    // Before the number, nothing ties the LINE user to anyone.
    await expect.poll(() => panel().getByTestId('customer-conversation').count(), { timeout: 15_000 }).toBe(1);
    expect(await panel().getByTestId('customer-suggestion').count()).toBe(0);

    expect(await scene.onLine(SOMCHAI_LINE, 'My number is +66 81 234 5678, order 100234567')).toBe(200);
    const suggestion = panel().getByTestId('customer-suggestion');
    await suggestion.waitFor({ timeout: 15_000 });
    expect(await suggestion.innerText()).toContain('This LINE customer gave +66 81 234 5678, the number of Somchai Jaidee on WhatsApp.');
    expect(await panel().getByTestId('customer-identity').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Phone\s+\+66812345678\s+not verified/)]));
    await ann.screenshot({ path: artifactPath('wa-line-suggestion.png') });

    await suggestion.getByTestId('customer-merge').click();
    await expect.poll(() => panel().getByTestId('customer-conversation').count(), { timeout: 15_000 }).toBe(2);
    expect(await panel().locator('h3').innerText()).toBe('Somchai Jaidee');
    const channels = await panel().getByTestId('customer-conversation').locator('.channel-badge').allInnerTexts();
    expect(channels.sort()).toEqual(['LINE', 'WhatsApp']);
    expect(await panel().getByTestId('customer-identity').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Phone\s+\+66812345678\s+verified/)]));
    await panel().getByTestId('customer-merged').waitFor();
    expect(await panel().getByTestId('customer-suggestion').count()).toBe(0);
  });

  it('answers on each channel, and shows the ticks each provider tells: delivered and read on WhatsApp, sent on LINE', async () => {
    await reply('Thank you, Somchai. I am checking your parcel now.');
    const onLine = delivery('Thank you, Somchai. I am checking your parcel now.');
    await expect.poll(() => onLine.getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');
    expect(scene.line.accepted).toEqual([expect.objectContaining({ to: SOMCHAI_LINE, message: { type: 'text', text: 'Thank you, Somchai. I am checking your parcel now.' } })]);

    await panel().getByTestId('customer-conversation').filter({ hasText: 'parcel has not arrived' }).click();
    await ann.getByTestId('thread-message').filter({ hasText: 'Hello, my parcel has not arrived' }).waitFor();
    await reply('It left our warehouse this morning.');
    const onWhatsApp = delivery('It left our warehouse this morning.');
    await expect.poll(() => onWhatsApp.getAttribute('data-state'), { timeout: 15_000 }).toBe('sent');
    const sent = scene.whatsApp.texts().find((text) => text.body === 'It left our warehouse this morning.');
    expect(sent?.to).toBe(SOMCHAI_WA);

    expect(await scene.whatsAppStatus(sent!.id, SOMCHAI_WA, 'delivered')).toBe(200);
    await expect.poll(() => onWhatsApp.getAttribute('data-state'), { timeout: 15_000 }).toBe('delivered');
    expect(await onWhatsApp.getByRole('img').getAttribute('aria-label')).toBe('Delivered');
    expect(await scene.whatsAppStatus(sent!.id, SOMCHAI_WA, 'read')).toBe(200);
    await expect.poll(() => onWhatsApp.getAttribute('data-state'), { timeout: 15_000 }).toBe('read');
    expect(await onWhatsApp.getByRole('img').getAttribute('aria-label')).toBe('Read');
    await ann.screenshot({ path: artifactPath('wa-line-ticks.png') });

    // LINE's reply still says only what LINE told: accepted, sent.
    await panel().getByTestId('customer-conversation').filter({ hasText: 'I am checking your parcel' }).click();
    expect(await delivery('Thank you, Somchai. I am checking your parcel now.').getAttribute('data-state')).toBe('sent');
  });
});
