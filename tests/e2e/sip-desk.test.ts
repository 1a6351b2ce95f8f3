import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';
import { kamailioAvailable, startKamailio, type RunningKamailio } from '../support/kamailio.js';
import { callState, openSoftphone, startSipHarness } from '../support/sip-harness.js';
import { audioStats, FAKE_MEDIA, growth, RECORD_PEER_CONNECTIONS } from '../support/webrtc-stats.js';

const POLL = { timeout: 15_000 };

/**
 * The workstation's softphone on a company PBX: the agent enters their SIP account, a customer's
 * phone (a JsSIP softphone) calls them through a real Kamailio, and the agent calls back from the
 * dial pad. Both calls end up in the conversation's timeline.
 */
describe.skipIf(!chromiumAvailable() || !kamailioAvailable())('browser: the desk on a SIP PBX', () => {
  let kamailio: RunningKamailio;
  let harness: { url: string; close(): void };
  let stack: BrowserStack;
  let browser: Browser;
  let agent: Page;
  let phone: Page;

  beforeAll(async () => {
    kamailio = await startKamailio();
    harness = await startSipHarness();
    stack = await startBrowserStack(undefined, FAKE_MEDIA);
    ({ browser } = stack);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    await context.addInitScript(RECORD_PEER_CONNECTIONS);
    agent = await context.newPage();
  });

  afterAll(async () => {
    await stack?.close();
    harness?.close();
    await kamailio?.stop();
  });

  const softphoneState = () => agent.getByTestId('softphone').getAttribute('data-state').catch(() => null);

  it('registers the SIP account the agent enters, and lets only that PBX through the CSP', async () => {
    await signInOnPage(agent, stack.host.url, 'olivia@demo.test');
    await agent.getByTestId('open-phone').click();
    await agent.getByTestId('sip-server').fill(kamailio.wsUrl);
    await agent.getByTestId('sip-uri').fill(`sip:olivia@${kamailio.domain}`);
    await agent.getByTestId('sip-displayName').fill('Olivia Grant');
    await agent.getByTestId('sip-password').fill('not-checked-on-loopback');
    await Promise.all([agent.waitForEvent('load'), agent.getByTestId('sip-save').click()]);

    const csp = (await fetch(stack.host.url.split('#')[0] ?? '')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' wss://*.twilio.com https://eventgw.twilio.com ${new URL(kamailio.wsUrl).origin}`);
    await agent.getByTestId('open-phone').click();
    const line = agent.locator('[data-testid="phone-line"][data-provider="sip"]');
    await expect.poll(() => line.getAttribute('data-status'), POLL).toBe('ready');
    await agent.keyboard.press('Escape');
  });

  it("rings for a customer's call through the PBX; the agent answers and the call joins the open conversation", async () => {
    await agent.getByTestId('inbox-item').filter({ hasText: 'Oliver Bennett' }).first().click();
    phone = await openSoftphone(browser, harness.url, { server: kamailio.wsUrl, uri: `sip:oliver@${kamailio.domain}`, displayName: 'Oliver Bennett' });
    await phone.evaluate(() => window.harness.dial('olivia'));
    await expect.poll(softphoneState, POLL).toBe('ringing');
    expect(await agent.getByTestId('softphone').innerText()).toContain('Oliver Bennett');
    await agent.getByTestId('call-accept').click();
    await expect.poll(softphoneState, POLL).toBe('connected');
    await expect.poll(() => callState(phone), POLL).toBe('connected');
    expect(await growth(agent, (s) => s.received)).toBeGreaterThan(0);
    await agent.screenshot({ path: artifactPath('sip-call.png') });

    await agent.getByTestId('call-hang-up').click();
    await expect.poll(() => callState(phone), POLL).toBe('ended');
    expect(await phone.evaluate(() => window.harness.end)).toBe('remote-hangup');
    expect((await audioStats(agent)).state).toBe('closed');
    await agent.getByTestId('call-wrap-up-code').selectOption('follow-up');
    await agent.getByTestId('call-wrap-up-save').click();
    const entry = agent.locator('[data-testid="call-entry"][data-direction="inbound"]').last();
    await entry.waitFor(POLL);
    expect(await entry.getAttribute('data-wrap-up')).toBe('follow-up');
    expect(await entry.innerText()).toContain('Incoming phone call');
  });

  it('calls the customer back from the dial pad', async () => {
    await agent.getByTestId('open-phone').click();
    await agent.getByTestId('phone-dial-input').fill('oliver');
    await agent.getByTestId('phone-dial').click();
    await expect.poll(() => callState(phone), POLL).toBe('ringing');
    await expect.poll(softphoneState, POLL).toBe('dialing');
    await phone.evaluate(() => window.harness.call?.answer());
    await expect.poll(softphoneState, POLL).toBe('connected');
    await expect.poll(async () => (await audioStats(agent)).state, POLL).toBe('connected');
    expect(await growth(agent, (s) => s.received)).toBeGreaterThan(0);

    await phone.evaluate(() => window.harness.call?.hangup());
    await agent.getByTestId('call-wrap-up-form').waitFor(POLL);
    await agent.getByTestId('call-wrap-up-notes').fill('Called back about the kettle; replacement sent.');
    await agent.getByTestId('call-wrap-up-save').click();
    const entry = agent.locator('[data-testid="call-entry"][data-direction="outbound"]').last();
    await entry.waitFor(POLL);
    expect(await entry.getAttribute('data-end')).toBe('remote-hangup');
    expect(await entry.getByTestId('call-notes').innerText()).toBe('Called back about the kettle; replacement sent.');
    await expect.poll(() => entry.getAttribute('data-delivery'), POLL).toBe('sent');
  });

  it('calls the customer back from their conversation, at the address of their last call', async () => {
    const callBack = agent.getByTestId('call-back');
    expect(await callBack.getAttribute('title')).toBe(`sip:oliver@${kamailio.domain}`);
    await callBack.click();
    await expect.poll(() => callState(phone), POLL).toBe('ringing');
    await phone.evaluate(() => window.harness.call?.answer());
    await expect.poll(softphoneState, POLL).toBe('connected');
    await agent.getByTestId('call-hang-up').click();
    await agent.getByTestId('call-wrap-up-save').click();
    await expect.poll(() => agent.locator('[data-testid="call-entry"][data-direction="outbound"]').count(), POLL).toBe(2);
  });
});
