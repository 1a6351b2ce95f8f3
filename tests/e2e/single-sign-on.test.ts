import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../src-shared/protocol/auth.js';
import { AuditPage } from '../../src-shared/protocol/audit.js';
import { SSO_CALLBACK_PATH, SSO_CONFIG_PATH } from '../../src-shared/protocol/single-sign-on.js';
import { startTestProvider, type TestProvider } from '../../src-relay/testing/oidc-test-provider.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable } from '../support/chromium.js';

/** An agent clicks "Sign in with Demo SSO", signs in on the company's provider, and lands signed in on the desk. */
describe.skipIf(!chromiumAvailable())('browser: single sign-on with OpenID Connect', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let provider: TestProvider;
  let adminToken: string;

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ browser } = stack);
    provider = await startTestProvider(`${stack.relay.url}${SSO_CALLBACK_PATH}`, {
      mei: { email: 'mei@demo.test', emailVerified: true },
      stranger: { email: 'stranger@demo.test', emailVerified: true },
    });
    const login = await fetch(`${stack.relay.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.test', password: 'demo1234' }) });
    adminToken = LoginResponse.parse(await login.json()).token;
    const saved = await fetch(`${stack.relay.url}${SSO_CONFIG_PATH}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, displayName: 'Demo SSO' }),
    });
    expect(saved.status).toBe(200);
  });

  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  it('shows the refusal on the desk when the provider\'s account has no account here', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const desk = await context.newPage();
    await desk.goto(stack.host.url);
    const [tab] = await Promise.all([context.waitForEvent('page'), desk.getByTestId('sso-start').click()]);
    await tab.locator('input[name="login"]').fill('stranger');
    await tab.locator('input[name="password"]').fill('anything');
    await tab.locator('button[type="submit"]').click();
    await expect.poll(() => tab.getByTestId('sso-title').innerText().catch(() => ''), { timeout: 15_000 }).toBe('Not signed in');
    await expect.poll(() => desk.getByTestId('login-error').innerText().catch(() => ''), { timeout: 15_000 }).toContain('No account here has the email stranger@demo.test');
    expect(await desk.getByTestId('connection-indicator').count()).toBe(0);
    await context.close();
  });

  it('signs in through the provider in a new tab, and the desk picks the sign-in up', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const desk = await context.newPage();
    await desk.goto(stack.host.url);
    const button = desk.getByTestId('sso-start');
    await expect.poll(() => button.innerText()).toBe('Sign in with Demo SSO');
    await desk.screenshot({ path: artifactPath('sso-login-screen.png') });

    const [tab] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await desk.getByTestId('sso-waiting').waitFor();
    await tab.locator('input[name="login"]').fill('mei');
    await tab.locator('input[name="password"]').fill('anything');
    await tab.locator('button[type="submit"]').click();
    await expect.poll(() => tab.getByTestId('sso-title').innerText().catch(() => ''), { timeout: 15_000 }).toBe('Signed in');
    // The browser saw the provider's one-time code, never the desk's token.
    expect(new URL(tab.url()).pathname).toBe(SSO_CALLBACK_PATH);
    await tab.screenshot({ path: artifactPath('sso-browser-signed-in.png') });

    await expect.poll(() => desk.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    await desk.screenshot({ path: artifactPath('sso-desk-signed-in.png') });
    const audit = AuditPage.parse(await (await fetch(`${stack.relay.url}/api/admin/audit`, { headers: { authorization: `Bearer ${adminToken}` } })).json());
    expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'auth.signed_in', target: { type: 'account', id: 'agent-mei' }, details: { method: 'sso' } }));
    await context.close();
  });
});
