import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiRouter } from '../../src-main/core/api-router.js';
import { Workstation } from '../../src-main/core/workstation.js';
import { startWebHost } from '../../src-main/web-host/server.js';
import { pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, seedDatabase, tempDatabase, testCore, TEST_PASSWORD, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { TEST_CHANNEL_SETTINGS } from '../channels/channel-relay.js';
import { CaptureSmtp } from '../email/capture-smtp.js';
import { connectMailbox, mailboxCredentials } from '../email/email-test-relay.js';
import { artifactPath, chromiumAvailable, launchChromium, signInOnPage } from '../support/chromium.js';

const RENDERER_DIR = path.resolve('dist/renderer');

/**
 * In a real Chromium: a customer's HTML mail arrives by direct delivery; Ann reads only the new
 * part, opens the original in a sandboxed frame whose tracking pixel stays unloaded until she
 * asks (the mail's own inline photo shows at once, its attached PDF is the message's file),
 * replies with a file, a CC and the customer's mail quoted (the mailbox's SMTP server, a
 * capturing smtp-server, checks headers, threading, the file and the copy), the customer's answer
 * joins the same conversation, an auto-reply does not reopen it, and she forwards the first mail.
 */
describe.skipIf(!chromiumAvailable())('browser: an email conversation', () => {
  let dir: string;
  let capture: CaptureSmtp;
  let database: TempDatabase;
  let relay: RunningRelay;
  let workstation: Workstation;
  let host: Awaited<ReturnType<typeof startWebHost>>;
  let browser: Browser;
  let ann: Page;
  let pixel: Server;
  const pixelHits: string[] = [];
  const crackPhoto = pngFile(4, 3);

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`.');
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-email-'));
    pixel = createServer((request, response) => {
      pixelHits.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/gif' }).end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
    });
    await new Promise<void>((resolve) => pixel.listen(0, '127.0.0.1', resolve));
    capture = await CaptureSmtp.start();
    database = await tempDatabase();
    await seedDatabase(database.dbPath, ACME);
    const core = testCore(database.dbPath);
    const secretsKey = randomBytes(32);
    await connectMailbox(core, mailboxCredentials(capture.port), secretsKey);
    await core.store.close();
    relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, secretsKey }, smtpReceiver: { port: 0, host: '127.0.0.1' } });
    workstation = Workstation.open({ dbPath: path.join(dir, 'ann.sqlite'), relayUrl: relay.url, log: () => {} });
    host = await startWebHost({ router: createApiRouter(workstation.handlers), events: workstation, rendererDir: RENDERER_DIR });
    browser = await launchChromium();
    ann = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await workstation?.close();
    await relay?.close();
    await capture?.close();
    await database?.remove();
    await new Promise<void>((resolve) => (pixel ? pixel.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const addressesOf = (field: AddressObject | AddressObject[] | undefined) => (field ? [field].flat().flatMap((group) => group.value.map((a) => a.address)) : []);

  async function deliver(mail: SendMailOptions): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.smtpPort ?? 0, secure: false, ignoreTLS: true });
    await transport.sendMail(mail).finally(() => transport.close());
  }

  it('shows the new part and the original with images blocked; replies with a file, a CC and the quote, threaded; the answer joins; an auto-reply leaves it resolved; forwards', async () => {
    await signInOnPage(ann, host.url, 'ann@acme.test', TEST_PASSWORD);
    const pixelUrl = `http://127.0.0.1:${(pixel.address() as { port: number }).port}/open.gif?id=kim`;
    await deliver({
      from: 'Kim Lee <kim@example.com>',
      to: 'support@acme.test',
      subject: 'Broken kettle',
      messageId: '<kettle-1@example.com>',
      text: 'My kettle arrived broken.\n\nOn Monday, Shop wrote:\n> Your order has shipped.',
      html: `<p>My kettle arrived <b>broken</b>.</p><script>document.title='pwned'</script><img src="${pixelUrl}"><img src="cid:crack@example.com" alt="the crack"><blockquote>Your order has shipped.</blockquote>`,
      attachments: [
        { filename: 'crack.png', content: crackPhoto, contentType: 'image/png', cid: 'crack@example.com' },
        { filename: 'receipt.pdf', content: pdfFile(), contentType: 'application/pdf' },
      ],
    });
    await ann.getByTestId('inbox-item').filter({ hasText: 'My kettle arrived broken.' }).click();
    const message = ann.getByTestId('thread-message').filter({ hasText: 'My kettle arrived broken.' });
    await message.waitFor({ timeout: 15_000 });
    expect(await message.getByTestId('message-body').innerText()).toBe('My kettle arrived broken.');

    await message.getByTestId('mail-original-toggle').click();
    const frame = message.getByTestId('mail-frame');
    await frame.waitFor({ timeout: 15_000 });
    const sandbox = await frame.getAttribute('sandbox');
    expect(sandbox?.split(' ')).not.toContain('allow-scripts');
    expect(sandbox?.split(' ')).not.toContain('allow-same-origin');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain('Your order has shipped.');
    expect(srcdoc).not.toContain('<script');
    // The inline photo shows at once, from the mail's own bytes; the remote one stays blocked.
    expect(srcdoc).toContain(`src="data:image/png;base64,${crackPhoto.toString('base64')}"`);
    expect(srcdoc).not.toContain('cid:');
    expect(srcdoc).not.toMatch(/<img[^>]* src="(?!data:image\/png;base64,)/);
    expect(await frame.evaluate((node) => (node as HTMLIFrameElement).contentDocument === null)).toBe(true);
    // The attached receipt is the message's file, its bytes as the customer sent them.
    const receipt = message.getByTestId('message-file-link').filter({ hasText: 'receipt.pdf' });
    await expect.poll(() => receipt.getAttribute('href'), { timeout: 15_000 }).toMatch(/^blob:/);
    const [download] = await Promise.all([ann.waitForEvent('download'), receipt.click()]);
    expect(download.suggestedFilename()).toBe('receipt.pdf');
    expect(readFileSync((await download.path())!).equals(pdfFile())).toBe(true);
    expect(srcdoc).toContain("img-src data:;");
    expect(await ann.title()).not.toBe('pwned');
    expect(await message.getByTestId('mail-images-blocked').innerText()).toContain('1 remote image blocked.');
    await ann.screenshot({ path: artifactPath('email-original.png') });
    expect(pixelHits).toEqual([]);

    // Asked: the workstation fetches the image once, and the frame gets it as a data: URL.
    await message.getByTestId('mail-show-images').click();
    await expect.poll(async () => (await frame.getAttribute('srcdoc')) ?? '', { timeout: 15_000 }).toContain('src="data:image/gif;base64,');
    expect(pixelHits).toEqual(['/open.gif?id=kim']);

    // The email composer: "Re: <subject>" prefilled, CC checked as typed, the customer's mail quoted and collapsed.
    expect(await ann.getByTestId('email-subject').inputValue()).toBe('Re: Broken kettle');
    await ann.getByTestId('email-copies-toggle').click();
    await ann.getByTestId('email-cc').fill('lee@example.org, lee@');
    expect(await ann.getByTestId('email-cc-error').innerText()).toBe('Not an email address: lee@');
    await ann.getByTestId('composer-input').fill('We are sending a new kettle today.');
    expect(await ann.getByTestId('composer-send').isDisabled()).toBe(true);
    await ann.getByTestId('email-cc').fill('Lee <lee@example.org>');
    expect(await ann.getByTestId('email-cc-error').count()).toBe(0);
    expect(await ann.getByTestId('email-quote-text').count()).toBe(0);
    await ann.getByTestId('email-quote-toggle').click();
    expect(await ann.getByTestId('email-quote-text').innerText()).toContain('Your order has shipped.');
    expect(await ann.getByTestId('email-quote-include').isChecked()).toBe(true);
    const pdf = pdfFile();
    await ann.getByTestId('composer-file-input').setInputFiles({ name: 'label.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => ann.getByTestId('composer-file').getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
    await ann.screenshot({ path: artifactPath('email-composer.png') });
    await ann.getByTestId('composer-send').click();
    await expect.poll(() => capture.mails.length, { timeout: 15_000 }).toBe(1);
    const sent = capture.mails[0]!;
    expect([...sent.to].sort()).toEqual(['kim@example.com', 'lee@example.org']);
    const reply = await simpleParser(sent.raw);
    expect(reply.from?.value[0]).toEqual({ address: 'support@acme.test', name: 'Acme Support' });
    expect(addressesOf(reply.to)).toEqual(['kim@example.com']);
    expect(addressesOf(reply.cc)).toEqual(['lee@example.org']);
    expect(reply.messageId).toMatch(/^<[0-9a-f-]{36}@acme\.test>$/);
    expect(reply.inReplyTo).toBe('<kettle-1@example.com>');
    expect(reply.references).toBe('<kettle-1@example.com>');
    expect(reply.replyTo?.value[0]?.address).toMatch(/^support\+[a-z0-9]{12}@acme\.test$/);
    expect(reply.subject).toMatch(/^Re: Broken kettle \[#[A-Z0-9]{8}\]$/);
    expect(reply.text).toMatch(/^We are sending a new kettle today\.\n\nOn .+, Kim Lee <kim@example\.com> wrote:\n> My kettle arrived broken\./);
    expect(reply.attachments.map((file) => [file.filename, file.contentType])).toEqual([['label.pdf', 'application/pdf']]);
    expect(reply.attachments[0]!.content.equals(pdf)).toBe(true);
    // The composer starts empty again for the next reply.
    expect(await ann.getByTestId('composer-files').count()).toBe(0);

    await deliver({ from: 'kim@example.com', to: 'support@acme.test', subject: reply.subject, inReplyTo: reply.messageId, references: [reply.messageId ?? ''], text: 'Thank you!\n\nOn Sun, 6 Dec 2026 at 10:02, Acme Support <support@acme.test> wrote:\n> We are sending a new kettle today.' });
    const answer = ann.getByTestId('thread-message').filter({ hasText: 'Thank you!' });
    await answer.waitFor({ timeout: 15_000 });
    // Our quoted reply under the customer's answer stays out of what the agent reads.
    expect(await answer.getByTestId('message-body').innerText()).toBe('Thank you!');
    expect(await ann.getByTestId('inbox-item').count()).toBe(1);

    // Resolved, an out-of-office answering our reply is kept in the thread and leaves it resolved.
    await ann.getByTestId('status-resolved').click();
    await expect.poll(() => ann.getByTestId('status-resolved').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    // The resolve waits out its undo window on the desk; the relay has it before the auto-reply comes.
    await expect.poll(async () => (await workstation.handlers['session.get']({})).connection.pendingCount, { timeout: 20_000 }).toBe(0);
    await deliver({ from: 'kim@example.com', to: 'support@acme.test', subject: `Automatic reply: ${reply.subject}`, inReplyTo: reply.messageId, headers: { 'Auto-Submitted': 'auto-replied' }, text: 'I am away until Monday.' });
    await ann.getByTestId('thread-message').filter({ hasText: 'I am away until Monday.' }).waitFor({ timeout: 15_000 });
    expect(await ann.getByTestId('status-resolved').getAttribute('aria-pressed')).toBe('true');
    expect(await ann.getByTestId('inbox-item').count()).toBeLessThanOrEqual(1);

    // Forward: Kim's first mail goes to the warehouse, and the forward stays in the thread.
    await message.getByTestId('mail-forward').click();
    await message.getByTestId('mail-forward-to').fill('warehouse@');
    await message.getByTestId('mail-forward-send').click();
    expect(await message.getByTestId('mail-forward-error').innerText()).toBe('Not an email address: warehouse@');
    await message.getByTestId('mail-forward-to').fill('warehouse@acme.test');
    await message.getByTestId('mail-forward-send').click();
    await expect.poll(() => capture.mails.length, { timeout: 15_000 }).toBe(2);
    const forwarded = await simpleParser(capture.mails[1]!.raw);
    expect(capture.mails[1]!.to).toEqual(['warehouse@acme.test']);
    expect(forwarded.subject).toBe('Fwd: Broken kettle');
    expect(forwarded.text).toContain('From: Kim Lee <kim@example.com>');
    expect(forwarded.text).toContain('My kettle arrived broken.');
    await ann.getByTestId('thread-message').filter({ hasText: 'Forwarded to warehouse@acme.test' }).waitFor({ timeout: 15_000 });
  });

  it('writes a new mail to a customer who never wrote: the dialog asks for what is missing, the mail goes, its conversation opens, and the answer joins it', async () => {
    const before = capture.mails.length;
    await ann.getByTestId('new-email').click();
    const dialog = ann.getByTestId('new-email-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('new-email-from').inputValue()).not.toBe('');
    await dialog.getByTestId('new-email-to').fill('Mara <mara@example.net>');
    await dialog.getByTestId('new-email-body').fill('Your replacement kettle ships on Friday.');
    const invoice = pdfFile();
    await dialog.getByTestId('composer-file-input').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: invoice });
    await dialog.locator('[data-testid="composer-file"][data-state="ready"]').waitFor({ timeout: 15_000 });
    await dialog.getByTestId('new-email-send').click();
    expect(await dialog.getByText('A new mail needs a subject.').count()).toBe(1);
    await dialog.getByTestId('new-email-subject').fill('Your replacement kettle');
    await dialog.getByTestId('new-email-send').click();

    await expect.poll(() => capture.mails.length, { timeout: 15_000 }).toBe(before + 1);
    const sent = await simpleParser(capture.mails[before]!.raw);
    expect(capture.mails[before]!.to).toEqual(['mara@example.net']);
    expect(sent.subject).toMatch(/^Your replacement kettle/);
    expect(sent.text).toContain('Your replacement kettle ships on Friday.');
    expect(sent.attachments.map((file) => [file.filename, file.content.equals(invoice)])).toEqual([['invoice.pdf', true]]);
    // The new conversation is open, held by Ann.
    await ann.getByTestId('thread-message').filter({ hasText: 'Your replacement kettle ships on Friday.' }).waitFor({ timeout: 15_000 });
    expect(await dialog.isVisible()).toBe(false);

    await deliver({ from: 'mara@example.net', to: 'support@acme.test', subject: `Re: ${sent.subject}`, inReplyTo: sent.messageId, references: [sent.messageId ?? ''], text: 'Perfect, thank you.' });
    await ann.getByTestId('thread-message').filter({ hasText: 'Perfect, thank you.' }).waitFor({ timeout: 15_000 });
  });
});
