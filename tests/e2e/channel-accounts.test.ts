import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';
import { startTelegramFake, type TelegramFake } from '../channels/fakes/telegram/fake.js';
import { telegramTextUpdate } from '../channels/fakes/telegram/payloads.js';
import { dovecotAvailable, startDovecot, type RunningDovecot } from '../email/support/dovecot.js';
import { openMailbox } from '../email/support/mail-writer.js';

const TELEGRAM = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const PUBLIC_URL = 'https://relay.example.com';

/** An administrator connects the company's Telegram bot in Company settings, tests it against the fake Bot API, and disconnects it. */
describe.skipIf(!chromiumAvailable())('browser: messaging channels in company settings', () => {
  let fake: TelegramFake;
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;
  let dovecot: RunningDovecot | undefined;

  beforeAll(async () => {
    fake = await startTelegramFake(TELEGRAM);
    if (dovecotAvailable()) dovecot = await startDovecot();
    stack = await startBrowserStack(undefined, [], { channels: { publicUrl: PUBLIC_URL, apiBaseUrls: { telegram: fake.apiBaseUrl } }, imap: { intervalMs: 300, timing: { pollIntervalMs: 300, firstBackoffMs: 200, maxBackoffMs: 1_000 } } });
    ({ browser } = stack);
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } })).newPage();
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
    await dovecot?.stop();
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

  it.skipIf(!dovecotAvailable())("connects a mailbox with two folders: a refused password in plain words, then each folder's import and last read", async () => {
    const server = dovecot!;
    const writer = await openMailbox(server);
    await writer.mailboxCreate('Support');
    const mail = (id: string, text: string) => [`From: Ana <ana@example.org>`, 'To: help@demo.test', `Subject: ${text}`, `Message-ID: <${id}@example.org>`, `Date: ${new Date().toUTCString()}`, '', text, ''].join('\r\n');
    await writer.append('INBOX', mail('inbox-1', 'Where is my parcel?'));
    await writer.append('Support', mail('support-1', 'Please refund me.'));
    await writer.append('Support', mail('support-2', 'Still waiting for the refund.'));
    await writer.logout();

    const form = page.getByTestId('channel-connect');
    await form.getByTestId('channel-provider').selectOption('email');
    await form.getByTestId('channel-name').fill('Demo help mail');
    await form.getByTestId('channel-team').selectOption('team-apac');
    const fields = {
      address: 'help@demo.test', fromName: 'Demo Help', smtpHost: '127.0.0.1', smtpPort: '2525', smtpSecurity: 'none', smtpUser: 'help@demo.test', smtpPassword: 'smtp-secret-1',
      imapHost: server.host, imapPort: String(server.port), imapSecurity: 'none', imapUser: server.user, imapPassword: 'not-the-password', imapFolders: 'INBOX, Support', imapImportDays: '7',
    };
    for (const [name, value] of Object.entries(fields)) await form.getByTestId(`credential-${name}`).fill(value);
    await form.getByTestId('channel-connect-submit').click();
    const mailbox = page.locator('[data-testid="channel-account"][data-status="connected"]').filter({ hasText: 'Demo help mail' });
    await mailbox.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`no mailbox card; the form says: ${await form.innerText()}`, { cause: error });
    });

    // The server refuses the password: each folder says so, in words the administrator can act on.
    const folder = (name: string) => mailbox.locator(`[data-testid="mail-folder"][data-folder="${name}"]`);
    await expect.poll(() => folder('Support').getByTestId('mail-folder-error').count(), { timeout: 20_000 }).toBe(1);
    expect(await folder('INBOX').getByTestId('mail-folder-error').innerText()).toBe(`Problem: Can't sign in to ${server.host}: the server refused the user name or password (the server said: Authentication failed.)`);
    expect(await folder('Support').getByTestId('mail-folder-import').innerText()).toBe('Not read yet');
    expect(await folder('Support').getByTestId('mail-folder-synced').innerText()).toBe('Not read to the end yet');

    // The right password: both folders import what the last 7 days hold, and say when they were last read.
    await mailbox.getByTestId('channel-replace').click();
    await mailbox.getByTestId('channel-replace-form').getByTestId('credential-imapPassword').fill(server.password);
    await mailbox.getByTestId('channel-replace-submit').click();
    await expect.poll(() => folder('Support').getByTestId('mail-folder-import').innerText(), { timeout: 20_000 }).toBe('2 of 2 messages imported');
    await expect.poll(() => folder('INBOX').getByTestId('mail-folder-import').innerText(), { timeout: 20_000 }).toBe('1 of 1 messages imported');
    expect(await folder('Support').getByTestId('mail-folder-synced').innerText()).toMatch(/^Last read /);
    expect(await mailbox.getByTestId('mail-folder-error').count()).toBe(0);
    await page.screenshot({ path: artifactPath('admin-mail-folders.png'), fullPage: true });
    expect(await page.content()).not.toContain('not-the-password');
  }, 60_000);
});
