import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../src-main/core/api-router.js';
import { RESOLVE_UNDO_MS } from '../../src-main/sync/resolution-hold.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { startWebHost } from '../../src-main/web-host/server.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { artifactPath, chromiumAvailable, launchChromium, signInOnPage, startWebChat } from '../support/chromium.js';
import { tabTo } from '../support/keyboard-walk.js';

const RENDERER_DIR = path.resolve('dist/renderer');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `e` resolves, `z` takes it back within the window, and the customer is asked for a rating only after it; online and offline. */
describe.skipIf(!chromiumAvailable())('browser: undo a resolve', () => {
  let dir: string;
  let relay: RunningRelay;
  let relayDb: string;
  let workstation: Workstation;
  let host: Awaited<ReturnType<typeof startWebHost>>;
  let browser: Browser;
  let agent: Page;
  let signedIn = false;

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`.');
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-undo-'));
    relayDb = path.join(dir, 'relay.sqlite');
    relay = await startRelay({ dbPath: relayDb, seedDemo: true });
    workstation = Workstation.open({ dbPath: path.join(dir, 'workstation.sqlite'), relayUrl: relay.url, log: () => {} });
    host = await startWebHost({ router: createApiRouter(workstation.handlers), events: workstation, rendererDir: RENDERER_DIR });
    browser = await launchChromium();
    agent = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await workstation?.close();
    await relay?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const toast = () => agent.getByTestId('resolve-undo');
  const pressed = (status: string) => agent.getByTestId(`status-${status}`).getAttribute('aria-pressed');
  const pending = async () => (await workstation.handlers['session.get']({})).connection.pendingCount;

  async function customerWithConversation(name: string, text: string): Promise<Page> {
    if (!signedIn) await signInOnPage(agent, host.url, 'olivia@demo.test');
    signedIn = true;
    const customer = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await startWebChat(customer, relay.url, name, text);
    const item = agent.getByTestId('inbox-item').filter({ hasText: name });
    await item.click({ timeout: 15_000 });
    await expect.poll(() => pressed('open'), { timeout: 15_000 }).toBe('true');
    return customer;
  }

  /** `e` from the list (never while typing), then `z`: the toast comes and goes, the conversation is open again. */
  async function resolveAndUndo(name: string, screenshot: string): Promise<void> {
    await agent.getByTestId('inbox-item').filter({ hasText: name }).click();
    await agent.keyboard.press('e');
    await toast().waitFor();
    expect(await toast().innerText()).toContain(`Resolved: ${name}`);
    expect(await pressed('resolved')).toBe('true');
    await agent.screenshot({ path: artifactPath(screenshot) });
    await agent.keyboard.press('z');
    await expect.poll(() => toast().count()).toBe(0);
    await expect.poll(() => pressed('open')).toBe('true');
    expect(await pending()).toBe(0);
  }

  it('takes the resolve back with z: the conversation stays open and the customer is never asked for a rating', async () => {
    const customer = await customerWithConversation('Ruth Adams', 'Hello, my parcel has not arrived yet.');
    await resolveAndUndo('Ruth Adams', 'resolve-undo-toast.png');
    // Well past the window: nothing went to the relay, so nothing reached the customer.
    await pause(RESOLVE_UNDO_MS + 2_000);
    expect(await customer.getByTestId('chat-rating').isVisible()).toBe(false);
    expect(await pressed('open')).toBe('true');
    await agent.screenshot({ path: artifactPath('resolve-undone.png') });

    // Without an undo the resolve goes once the window has passed, and only then is the customer asked.
    await agent.getByTestId('inbox-item').filter({ hasText: 'Ruth Adams' }).click();
    await agent.keyboard.press('e');
    await toast().waitFor();
    expect(await customer.getByTestId('chat-rating').isVisible()).toBe(false);
    await customer.getByTestId('chat-rating').waitFor({ state: 'visible', timeout: RESOLVE_UNDO_MS + 15_000 });
    expect(await toast().count()).toBe(0);
    await customer.screenshot({ path: artifactPath('resolve-rating-after-window.png') });
  }, 90_000);

  it('stands the window still while the toast has the pointer or the focus: undoable past it, and sent once the focus leaves', async () => {
    const customer = await customerWithConversation('Chloe Evans', 'Can I still change my delivery address?');
    const item = agent.getByTestId('inbox-item').filter({ hasText: 'Chloe Evans' });
    // A keyboard user going to the toast's Undo button, its last Tab stop.
    const tabToToast = async (): Promise<void> => {
      await tabTo(agent, 'resolve-undo-button', { max: 150 });
    };
    const resolveAndStayOnToast = async (goToToast: () => Promise<void> = tabToToast) => {
      await item.click();
      await agent.keyboard.press('e');
      await toast().waitFor();
      await goToToast();
      await expect.poll(() => toast().getAttribute('data-paused')).toBe('true');
      await pause(RESOLVE_UNDO_MS + 1_500);
      expect(await toast().count()).toBe(1);
      expect(await pending()).toBe(1);
      expect(await customer.getByTestId('chat-rating').isVisible()).toBe(false);
    };

    // The pointer resting on the toast holds it the same way.
    await resolveAndStayOnToast(() => toast().hover());
    await agent.getByTestId('resolve-undo-button').click();
    await agent.mouse.move(0, 0);
    await expect.poll(() => pressed('open')).toBe('true');
    expect(await pending()).toBe(0);

    await resolveAndStayOnToast();
    await agent.screenshot({ path: artifactPath('resolve-undo-paused.png') });
    await agent.keyboard.press('Enter');
    await expect.poll(() => toast().count()).toBe(0);
    await expect.poll(() => pressed('open')).toBe('true');
    expect(await pending()).toBe(0);

    // Again, and this time the focus leaves the toast: the window runs out and the resolve goes.
    await resolveAndStayOnToast();
    await agent.keyboard.press('Shift+Tab');
    expect(await agent.evaluate(() => document.activeElement?.closest('[data-testid="resolve-undo"]') ?? null)).toBeNull();
    await expect.poll(() => toast().getAttribute('data-paused')).toBe('false');
    await customer.getByTestId('chat-rating').waitFor({ state: 'visible', timeout: RESOLVE_UNDO_MS + 15_000 });
    await expect.poll(() => toast().count()).toBe(0);
    expect(await pending()).toBe(0);
    expect(await pressed('resolved')).toBe('true');
  }, 90_000);

  it('holds the resolve while the desk is offline, takes it back with z, and sends nothing once the relay is back', async () => {
    const customer = await customerWithConversation('Ben Carter', 'Hi, I was charged twice for one order.');
    const port = relay.port;
    await relay.close();
    await expect.poll(() => agent.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).not.toBe('online');

    await resolveAndUndo('Ben Carter', 'resolve-undo-offline.png');
    await pause(RESOLVE_UNDO_MS + 1_000);
    relay = await startRelay({ dbPath: relayDb, port });
    await expect.poll(() => agent.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 30_000 }).toBe('online');
    // The customer's chat is back too (its call button needs the connection) and still not asked to rate.
    await expect.poll(() => customer.getByTestId('chat-call').isEnabled(), { timeout: 30_000 }).toBe(true);
    await pause(2_000);
    expect(await customer.getByTestId('chat-rating').isVisible()).toBe(false);
    expect(await pressed('open')).toBe('true');
    expect(await pending()).toBe(0);
  }, 120_000);
});
