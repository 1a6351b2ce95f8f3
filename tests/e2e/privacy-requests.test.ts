import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_TEAM_PATH, PrivacyTeam } from '../../src-shared/protocol/privacy.js';
import { unzip } from '../../src-relay/privacy/testing/unzip.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage, startWebChat } from '../support/chromium.js';

/**
 * A customer asks for their data in the web chat; the agent opens a privacy request from the
 * conversation; an administrator (the privacy team) checks the identity, makes the export and
 * downloads the bundle through the relay's expiring link.
 */
describe.skipIf(!chromiumAvailable())('browser: privacy requests', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let customer: Page;
  let agent: Page;
  let admin: Page;
  let adminUrl: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ browser } = stack);
    customer = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    agent = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } })).newPage();
    adminUrl = (await stack.openDesk()).host.url;
    admin = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 }, acceptDownloads: true })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('offers to open a request in a conversation whose customer asks for their data, prefilled with customer and channel', async () => {
    await signInOnPage(agent, stack.host.url, 'hans@demo.test');
    expect(await agent.getByTestId('open-privacy').count()).toBe(0);
    await startWebChat(customer, stack.relay.url, 'Klara Schmidt', 'Please delete all my personal data');
    const item = agent.getByTestId('inbox-item').filter({ hasText: 'Klara Schmidt' });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    await agent.getByTestId('privacy-offer-open').click({ timeout: 20_000 });
    const form = agent.getByTestId('privacy-request-form');
    expect(await form.getByTestId('privacy-requester').inputValue()).toBe('Klara Schmidt');
    expect(await form.getByTestId('privacy-channel').inputValue()).toBe('webchat');
    await form.getByTestId('privacy-kind').selectOption('access');
    await form.getByTestId('privacy-regime').selectOption('gdpr');
    await form.getByTestId('privacy-submit').click();
    const opened = agent.getByTestId('privacy-opened');
    await opened.waitFor();
    expect(await opened.innerText()).toMatch(/answered by (\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4})\./);
    await agent.screenshot({ path: artifactPath('privacy-opened.png') });
  });

  it('shows the request in the register with its due date; the privacy team checks the identity, exports and downloads the bundle', async () => {
    await signInOnPage(admin, adminUrl, 'admin@demo.test');
    await admin.getByTestId('open-privacy').click();
    const row = admin.getByTestId('privacy-request-row').filter({ hasText: 'Klara Schmidt' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('privacy-status').innerText()).toBe('Received');
    await row.getByRole('button', { name: 'Klara Schmidt' }).click();
    const detail = admin.getByTestId('privacy-detail');
    await detail.getByTestId('privacy-make-export').click();
    expect(await detail.getByRole('alert').innerText()).toMatch(/identity/);
    await detail.getByTestId('privacy-identity-method').selectOption('email_code');
    await detail.getByTestId('privacy-identity-note').fill('Code sent to the address on file, confirmed in chat');
    await detail.getByTestId('privacy-status-select').selectOption('identity_checked');
    await detail.getByTestId('privacy-save').click();
    await expect.poll(() => row.getByTestId('privacy-status').innerText()).toBe('Identity checked');
    await detail.getByTestId('privacy-make-export').click();
    await detail.getByTestId('privacy-export').waitFor();
    const [download] = await Promise.all([admin.waitForEvent('download'), detail.getByTestId('privacy-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^privacy-export-.+\.zip$/);
    const saved = artifactPath('privacy-export.zip');
    await download.saveAs(saved);
    const entries = await unzip(await readFile(saved));
    expect(entries.get('README.txt')?.toString('utf8')).toContain('Klara Schmidt');
    expect(entries.get('messages.json')?.toString('utf8')).toContain('Please delete all my personal data');
    for (const part of ['profile', 'conversations', 'messages', 'call_logs', 'ratings', 'audit', 'attachments']) expect(entries.has(`${part}.csv`) && entries.has(`${part}.json`)).toBe(true);
    await admin.screenshot({ path: artifactPath('privacy-register.png') });
  });

  it('lets the administrator give a supervisor the register, who then sees the Privacy button', async () => {
    const sam = admin.locator('[data-testid="privacy-holder"][data-agent-id="agent-sam"]');
    await sam.click();
    await expect.poll(() => sam.isChecked()).toBe(true);
    const { token } = await login(stack.relay.url, 'admin@demo.test', 'demo1234');
    await expect.poll(async () => PrivacyTeam.parse(await (await fetch(`${stack.relay.url}${PRIVACY_TEAM_PATH}`, { headers: { authorization: `Bearer ${token}` } })).json()).holderIds).toEqual(['agent-sam']);
    await agent.getByTestId('sign-out').click();
    // Signed out for good before the next sign-in: a sign-out still under way would end it.
    await agent.getByTestId('login-email').waitFor();
    await signInOnPage(agent, stack.host.url, 'sam@demo.test');
    await agent.getByTestId('open-privacy').click();
    await agent.getByTestId('privacy-request-row').filter({ hasText: 'Klara Schmidt' }).waitFor();
    expect(await agent.getByTestId('privacy-team').count()).toBe(0);
  });
});
