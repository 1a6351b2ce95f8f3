import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestDesk } from '../channels/channel-relay.js';
import { CaptureSmtp } from '../email/capture-smtp.js';
import { startBrowserStack, type BrowserStack } from '../support/browser-stack.js';
import { artifactPath, chromiumAvailable, signInOnPage } from '../support/chromium.js';
import { waitFor } from '../support/wait.js';

/**
 * An administrator connects a team mailbox in Company settings with a signature per language
 * (a malformed one is refused with the reason); a reply to a customer of the team's language
 * (Chinese, for Asia Pacific) goes out signed in Chinese.
 */
describe.skipIf(!chromiumAvailable())('browser: a mailbox with signatures per language', () => {
  let capture: CaptureSmtp;
  let stack: BrowserStack;
  let browser: Browser;
  let page: Page;
  let mei: TestDesk | undefined;

  beforeAll(async () => {
    capture = await CaptureSmtp.start();
    stack = await startBrowserStack(undefined, [], { smtpReceiver: { port: 0, host: '127.0.0.1' } });
    ({ browser } = stack);
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1400 } })).newPage();
  });

  afterAll(async () => {
    mei?.close();
    await stack?.close();
    await capture?.close();
  });

  it("signs a reply in the customer's language, as the administrator set it", async () => {
    await signInOnPage(page, stack.host.url, 'admin@demo.test');
    await page.getByTestId('open-live').click();
    await page.getByTestId('supervisor-tab-admin').click();
    const form = page.getByTestId('channel-connect');
    await form.getByTestId('channel-provider').selectOption('email');
    await form.getByTestId('channel-name').fill('Asia Pacific mail');
    await form.getByTestId('channel-team').selectOption('team-apac');
    const fields = { address: 'apac@demo.test', fromName: 'Demo Support', signature: 'Demo Support', smtpHost: '127.0.0.1', smtpPort: String(capture.port), smtpSecurity: 'none', smtpUser: 'apac@demo.test', smtpPassword: 'app-password-1234', directDelivery: 'on' };
    for (const [name, value] of Object.entries(fields)) await form.getByTestId(`credential-${name}`).fill(value);
    expect(await form.getByTestId('credential-signatures').evaluate((field) => field.tagName)).toBe('TEXTAREA');
    await form.getByTestId('credential-signatures').fill('亚太支持团队');
    await form.getByTestId('channel-connect-submit').click();
    expect(await form.getByTestId('admin-error').innerText()).toContain('start with a language code in brackets on its own line, such as [ja]');
    await form.getByTestId('credential-signatures').fill('[zh]\n亚太支持团队\n演示公司\n[ja]\nアジア太平洋サポート');
    await form.getByTestId('channel-connect-submit').click();
    const account = page.getByTestId('channel-account').filter({ hasText: 'Asia Pacific mail' });
    await account.waitFor({ timeout: 10_000 });
    expect(await account.getAttribute('data-status')).toBe('connected');
    expect(await form.getByTestId('admin-saved').innerText()).toBe('Connected. Test the connection; mail is read over IMAP or taken by direct delivery (docs/email.md).');
    await page.screenshot({ path: artifactPath('email-signatures-admin.png') });

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: stack.relay.smtpPort ?? 0, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'Wang Fang <wang@example.cn>', to: 'apac@demo.test', subject: '包裹还没到', text: '我的包裹还没到。' }).finally(() => transport.close());
    mei = await TestDesk.signIn(stack.relay.url, 'mei@demo.test', 'demo1234');
    const conversation = await mei.until('the mail', (events) => {
      for (const event of events) if (event.data.type === 'conversation.upserted' && event.data.conversation.lastMessagePreview === '我的包裹还没到。') return event.data.conversation;
      return undefined;
    });
    expect(conversation.language).toBe('zh');
    expect(await mei.push({ kind: 'reply.send', conversationId: conversation.id, messageId: randomUUID(), body: '您的包裹明天送到。' })).toEqual([]);
    const mail = await simpleParser((await waitFor('the reply at the SMTP server', () => capture.mails[0])).raw);
    expect(mail.text).toBe('您的包裹明天送到。\n\n-- \n亚太支持团队\n演示公司');
  });
});
