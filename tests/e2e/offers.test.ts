import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../src-relay/server.js';
import { axeFindings } from '../support/axe.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/** A company that offers conversations: the agent sees the offer count down and takes it, in a real Chromium. */
describe.skipIf(!chromiumAvailable())('browser: offers', () => {
  let stack: BrowserStack;
  let relay: RunningRelay;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ relay, browser } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('shows an offer with its time left, and the conversation is the agent’s once accepted', async () => {
    const login = await fetch(`${relay.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.test', password: 'demo1234' }) });
    const { token } = (await login.json()) as { token: string };
    const settings = await fetch(`${relay.url}/api/admin/routing-settings`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ offerTimeoutSeconds: 60 }) });
    expect(settings.status).toBe(204);

    // bypassCSP: axe-core is injected to check the row with its offer.
    const olivia = await (await browser.newContext({ locale: 'en-GB', bypassCSP: true })).newPage();
    await signInOnPage(olivia, stack.host.url, 'olivia@demo.test');
    const customer = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await startWebChat(customer, relay.url, 'Niamh Kelly', 'Hi, can I change my delivery slot?');

    const item = olivia.getByTestId('inbox-item').filter({ hasText: 'Niamh Kelly' });
    const offer = item.getByTestId('offer');
    await offer.waitFor({ timeout: 15_000 });
    expect(await offer.innerText()).toMatch(/Offered to you \((60|5\d) s\)/);
    await olivia.screenshot({ path: artifactPath('offer.png') });
    // The row's Accept and Decline are no controls nested in the list's option (the header has the buttons).
    const findings = await axeFindings(olivia, 'inbox with an offer');
    expect(findings, findings.join('\n')).toEqual([]);
    await item.getByTestId('offer-accept').click();
    await expect.poll(() => offer.count(), { timeout: 15_000 }).toBe(0);
    await item.click();
    await expect.poll(() => olivia.locator('.conversation-facts').innerText(), { timeout: 15_000 }).toContain('You');
  });
});
