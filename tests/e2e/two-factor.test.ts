import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../src-shared/protocol/auth.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';

/** An agent turns two-factor sign-in on at the desk, then signs in with a recovery code. */
describe.skipIf(!chromiumAvailable())('browser: two-factor sign-in', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ browser } = stack);
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('enrols from the top bar: QR code and key, a confirming code, recovery codes shown once', async () => {
    await signInOnPage(page, stack.host.url, 'olivia@demo.test');
    await page.getByTestId('open-two-factor').click();
    await page.getByTestId('two-factor-start').click();
    const qr = page.getByTestId('two-factor-qr');
    await qr.waitFor();
    expect(await qr.locator('rect').count()).toBeGreaterThan(100);
    const key = await page.getByTestId('two-factor-key').innerText();
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByTestId('two-factor-code').fill('000000');
    await page.getByTestId('two-factor-confirm').click();
    expect(await page.getByTestId('two-factor-error').innerText()).toMatch(/not right/);
    await page.getByTestId('two-factor-code').fill(TOTP.generate({ secret: Secret.fromBase32(key) }));
    await page.getByTestId('two-factor-confirm').click();
    const codes = page.getByTestId('two-factor-recovery-codes').locator('li');
    await codes.first().waitFor();
    recoveryCodes = await codes.allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await page.screenshot({ path: artifactPath('two-factor-recovery-codes.png') });
    await page.getByTestId('two-factor-done').click();
  });

  it('asks for the code at sign-in, refuses a wrong or spent one, and signs in with a recovery code', async () => {
    await page.getByTestId('sign-out').click();
    // Signed out for good before the next sign-in: a sign-out still under way would end it.
    await page.getByTestId('login-email').waitFor();
    await page.getByTestId('login-email').fill('olivia@demo.test');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    const code = page.getByTestId('login-code');
    await code.waitFor();
    await code.fill('123456');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/not right/);
    await code.fill(recoveryCodes[0]!);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');

    await page.getByTestId('sign-out').click();
    // Signed out for good before the next sign-in: a sign-out still under way would end it.
    await page.getByTestId('login-email').waitFor();
    await page.getByTestId('login-email').fill('olivia@demo.test');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-code').fill(recoveryCodes[0]!);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/used already/);
  });

  it('signs out everywhere: this desk and every other sign-in of the account', async () => {
    await page.getByTestId('login-code').fill(recoveryCodes[1]!);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('connection-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    const elsewhere = await fetch(`${stack.relay.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'olivia@demo.test', password: 'demo1234', code: recoveryCodes[2] }),
    });
    const { token } = LoginResponse.parse(await elsewhere.json());
    const read = () => fetch(`${stack.relay.url}/api/two-factor`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read()).status).toBe(200);
    await page.getByTestId('open-two-factor').click();
    await page.getByTestId('sign-out-everywhere').click();
    await page.getByTestId('login-email').waitFor();
    expect((await read()).status).toBe(401);
  });
});
