import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';
import { startTelegramFake, type TelegramFake } from '../channels/fakes/telegram/fake.js';
import { telegramTextUpdate } from '../channels/fakes/telegram/payloads.js';

const TELEGRAM = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const PUBLIC_URL = 'https://relay.example.com';

/** An administrator connects the company's Telegram bot in Company settings, tests it against the fake Bot API, and disconnects it. */
describe.skipIf(!chromiumAvailable())('browser: messaging channels in company settings', () => {
  let fake: TelegramFake;
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fake = await startTelegramFake(TELEGRAM);
    stack = await startBrowserStack(undefined, [], { channels: { publicUrl: PUBLIC_URL, apiBaseUrls: { telegram: fake.apiBaseUrl } } });
    ({ browser } = stack);
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  const account = () => page.getByTestId('channel-account').first();
  /** The address the relay listens at for this webhook: the public URL's path on the test relay. */
  const relayAddress = (webhookUrl: string) => stack.relay.url + new URL(webhookUrl).pathname;
  const update = (updateId: number, text: string) => telegramTextUpdate({ updateId, chatId: 5_512_345_678, messageId: updateId, firstName: 'Olena', text });

  it('connects a Telegram bot with write-only secrets and shows the full webhook URL to paste', async () => {
    await signInOnPage(page, stack.host.url, 'admin@demo.test');
    await page.getByTestId('open-live').click();
    await page.getByTestId('supervisor-tab-admin').click();
    await page.getByTestId('admin-channels').waitFor();
    const form = page.getByTestId('channel-connect');
    // Every provider the relay connects has its form.
    expect(await form.locator('option[value="line"]').innerText()).toBe('LINE');
    expect(await form.locator('option', { hasText: 'not yet available' }).count()).toBe(0);
    await form.getByTestId('channel-provider').selectOption('telegram');
    await form.getByTestId('channel-name').fill('Demo support bot');
    await form.getByTestId('channel-team').selectOption('team-apac');
    expect(await form.getByTestId('credential-botToken').getAttribute('type')).toBe('password');
    await form.getByTestId('credential-botToken').fill(TELEGRAM.botToken);
    await form.getByTestId('credential-secretToken').fill(TELEGRAM.secretToken);
    await form.getByTestId('channel-connect-submit').click();
    await account().waitFor({ timeout: 10_000 });
    expect(await form.getByTestId('admin-saved').innerText()).toBe("Connected. Paste the account's webhook URL into the provider's console.");
    expect(await account().getAttribute('data-status')).toBe('connected');
    expect(await account().getByTestId('channel-account-team').innerText()).toBe('Asia Pacific');
    const webhookUrl = await account().getByTestId('channel-webhook').inputValue();
    expect(webhookUrl).toMatch(/^https:\/\/relay\.example\.com\/channels\/telegram\/[A-Za-z0-9_-]{32}$/);
    // The secrets left the form with the relay, and are nowhere on the page.
    const values = await page.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(values.filter((value) => value.includes('AAHdqTcvCH1vGWJxfSeof') || value.includes(TELEGRAM.secretToken))).toEqual([]);
    expect(await page.content()).not.toContain('AAHdqTcvCH1vGWJxfSeof');
    expect(await page.getByTestId('channel-no-public-url').count()).toBe(0);
    // Telegram's updates come in at that address.
    expect(await fake.deliver(update(1, 'Hello from Telegram'), { webhookUrl: relayAddress(webhookUrl) })).toBe(200);
  });

  it('tests the connection against the fake Bot API and shows who the bot is', async () => {
    await account().getByTestId('channel-test').click();
    const result = account().getByTestId('channel-test-result');
    await result.filter({ hasText: 'Connected as' }).waitFor({ timeout: 10_000 });
    expect(await result.innerText()).toBe('Connected as @acme_support_bot (Acme Support).');
    expect(fake.sent.at(-1)).toMatchObject({ method: 'GET', path: `/bot${TELEGRAM.botToken}/getMe` });
    await page.screenshot({ path: artifactPath('admin-channel-accounts.png'), fullPage: true });
  });

  it('disconnects after a confirmation: the account stays listed as disconnected and its webhook answers 404', async () => {
    const webhookUrl = await account().getByTestId('channel-webhook').inputValue();
    await account().getByTestId('channel-disconnect').click();
    await account().getByTestId('channel-disconnect-confirm').click();
    await page.locator('[data-testid="channel-account"][data-status="disconnected"]').waitFor({ timeout: 10_000 });
    expect(await account().getByTestId('channel-account-status').innerText()).toMatch(/^Disconnected /);
    expect(await account().getByTestId('channel-test').count()).toBe(0);
    expect(await fake.deliver(update(2, 'Anyone there?'), { webhookUrl: relayAddress(webhookUrl), retry: { attempts: 1, delayMs: 0 } })).toBe(404);
  });
});
