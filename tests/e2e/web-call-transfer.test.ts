import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';
import { FAKE_MEDIA, growth, RECORD_PEER_CONNECTIONS } from '../support/webrtc-stats.js';

const POLL = { timeout: 15_000 };

/** An agent hands a customer's web call to a colleague: warm (declined, so it stays), then blind. */
describe.skipIf(!chromiumAvailable())('browser: transferring a web call', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let olivia: Page;
  let hans: Page;
  let customer: Page;

  beforeAll(async () => {
    stack = await startBrowserStack(undefined, FAKE_MEDIA);
    ({ browser } = stack);
    const page = async (locale: string) => {
      const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
      await context.addInitScript(RECORD_PEER_CONNECTIONS);
      return context.newPage();
    };
    olivia = await page('en-GB');
    hans = await page('de-DE');
    customer = await page('en-GB');
  });

  afterAll(async () => {
    await stack?.close();
  });

  const state = (page: Page) => page.getByTestId('softphone').getAttribute('data-state').catch(() => null);
  const customerState = () => customer.getByTestId('chat-call-bar').getAttribute('data-state');

  it("connects the customer's call to the agent who has the conversation", async () => {
    await signInOnPage(olivia, stack.host.url, 'olivia@demo.test');
    await startWebChat(customer, stack.relay.url, 'Grace Hopper', 'I have a question about my invoice.');
    await olivia.getByTestId('inbox-item').filter({ hasText: 'Grace Hopper' }).first().waitFor(POLL);
    const desk = await stack.openDesk();
    await signInOnPage(hans, desk.host.url, 'hans@demo.test');

    await customer.getByTestId('chat-call').click();
    await expect.poll(() => state(olivia), POLL).toBe('ringing');
    await olivia.getByTestId('call-accept').click();
    await expect.poll(() => state(olivia), POLL).toBe('connected');
    await expect.poll(customerState, POLL).toBe('connected');
  });

  it('keeps the call when a warm transfer is declined', async () => {
    await olivia.getByTestId('call-transfer').click();
    await olivia.getByTestId('call-transfer-target').selectOption('agent:agent-hans');
    await olivia.getByTestId('call-transfer-mode').selectOption('warm');
    await olivia.getByTestId('call-transfer-note').fill('German invoice, needs the VAT number');
    await olivia.getByTestId('call-transfer-go').click();
    await olivia.getByTestId('call-transferring').waitFor(POLL);
    await expect.poll(customerState, POLL).toBe('held');

    await expect.poll(() => state(hans), POLL).toBe('ringing');
    expect(await hans.getByTestId('call-transferred-by').innerText()).toBe('Transferred by Olivia Grant: German invoice, needs the VAT number');
    await hans.getByTestId('call-decline').click();
    await expect.poll(() => olivia.locator('.softphone-error').innerText().catch(() => ''), POLL).toMatch(/declined/i);
    expect(await olivia.getByTestId('call-transferring').count()).toBe(0);
    await olivia.getByTestId('call-hold').click();
    await expect.poll(customerState, POLL).toBe('connected');
    await expect.poll(() => growth(customer, (s) => s.received), POLL).toBeGreaterThan(0);
  });

  it('hands the call and the conversation over on a blind transfer', async () => {
    await olivia.getByTestId('call-transfer').click();
    await olivia.getByTestId('call-transfer-target').selectOption('agent:agent-hans');
    await olivia.getByTestId('call-transfer-go').click();
    // Olivia's part is over: she wraps it up.
    await olivia.getByTestId('call-wrap-up-form').waitFor(POLL);
    await expect.poll(() => state(hans), POLL).toBe('ringing');
    await hans.getByTestId('call-accept').click();

    await expect.poll(() => state(hans), POLL).toBe('connected');
    await expect.poll(customerState, POLL).toBe('connected');
    expect(await customer.getByTestId('chat-call-bar').innerText()).toContain('Hans');
    await expect.poll(() => growth(hans, (s) => s.received), POLL).toBeGreaterThan(0);
    await expect.poll(() => growth(customer, (s) => s.received), POLL).toBeGreaterThan(0);
    // The conversation went with the call.
    await expect.poll(() => hans.locator('.conversation-facts').innerText().catch(() => ''), POLL).toContain('You');

    await olivia.getByTestId('call-wrap-up-save').click();
    const entry = olivia.locator('[data-testid="call-entry"][data-end="transferred"]');
    await entry.waitFor(POLL);
    await hans.getByTestId('call-hang-up').click();
    await expect.poll(customerState, POLL).toBe('ended');
  });
});
