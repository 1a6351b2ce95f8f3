import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from '../../src-relay/email/mail-html.js';
import { pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import type { Message } from '../../src-shared/domain/model.js';
import { emailOriginalPath, EmailOriginalView } from '../../src-shared/protocol/email.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { TEST_CHANNEL_SETTINGS, TestDesk } from '../channels/channel-relay.js';
import { DeskFiles } from '../channels/desk-files.js';
import { CaptureSmtp } from './capture-smtp.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures-files', name));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A customer's files by direct delivery: attachments become the message's files and inline
 * (`cid:`) images are kept for the original, all in the attachment store and read back byte for
 * byte; a file the relay refuses is named with why, and loses nothing else.
 */
describe('a customer mail with files', () => {
  let capture: CaptureSmtp;
  let database: TempDatabase;
  let relay: RunningRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeAll(async () => {
    capture = await CaptureSmtp.start();
    database = await tempDatabase();
    await seedDatabase(database.dbPath, ACME);
    const core = testCore(database.dbPath);
    const { secretsKey } = await connectMailbox(core, mailboxCredentials(capture.port));
    await core.store.close();
    relay = await startRelay({ dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, secretsKey }, smtpReceiver: { port: 0, host: '127.0.0.1' } });
    ann = await TestDesk.signIn(relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(relay.url, 'ann@acme.test');
  });
  afterAll(async () => {
    ann?.close();
    await relay?.close();
    await capture?.close();
    await database?.remove();
  });

  /** The customer's server hands the fixture's bytes over as they are. */
  async function deliver(raw: Buffer, from: string): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: relay.smtpPort ?? 0, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from, to: ['support@acme.test'] }, raw }).finally(() => transport.close());
  }

  const customerMessages = (events: readonly SyncEvent[], text: string): Message[] => {
    const first = events.find((event) => event.data.type === 'message.created' && event.data.message.body.includes(text));
    if (!first || first.data.type !== 'message.created') return [];
    const conversationId = first.data.message.conversationId;
    return events.flatMap((event) => (event.data.type === 'message.created' && event.data.message.conversationId === conversationId ? [event.data.message] : []));
  };

  it('keeps the attached PDF as the message file and the inline PNG for the original, byte for byte', async () => {
    await deliver(fixture('apple-inline-png-and-pdf.eml'), 'noriko@example.jp');
    const [message] = await ann.until('the mail with its invoice', (events) => customerMessages(events, 'the app shows this error').at(0) && customerMessages(events, 'the app shows this error'));
    expect(message!.body).toContain('Hello, the app shows this error when I pay:');
    // The PDF under its RFC 2231 name; the inline picture is no attachment.
    expect(message!.attachments).toEqual([{ fileId: sha256(pdfFile()), name: '請求書.pdf', mediaType: 'application/pdf', kind: 'document', size: pdfFile().length }]);
    const pdf = await files.download(message!.attachments![0]!.fileId);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.equals(pdfFile())).toBe(true);

    const { token } = await login(relay.url, 'ann@acme.test');
    const shown = await fetch(relay.url + emailOriginalPath(message!.id), { headers: { authorization: `Bearer ${token}` } });
    const view = EmailOriginalView.parse(await shown.json());
    const png = pngFile(3, 2);
    expect(view.inlineImages).toEqual([{ fileId: sha256(png), mediaType: 'image/png' }]);
    // The cid: reference is now the kept file's id; the sender's own data-file-id (naming another file) is gone.
    expect(view.html).toContain(`data-file-id="${sha256(png)}"`);
    expect(view.html).not.toContain('cid:');
    expect(view.html).not.toContain('0000000000000000');
    const image = await files.download(sha256(png));
    expect(image.bytes.equals(png)).toBe(true);
  });

  it('refuses a program by name with why, and carries six kept photos over two messages: nothing else is lost', async () => {
    await deliver(fixture('outlook-six-files-one-program.eml'), 'morgan.lee@example.com');
    const messages = await ann.until('the photos, in two messages', (events) => customerMessages(events, 'five photos').length === 2 && customerMessages(events, 'five photos'));
    const [first, rest] = messages;
    expect(first!.body).toContain('Here are five photos of the damaged parcel');
    expect(first!.body).toMatch(/\[courier-tool\.exe: not received, courier-tool\.exe is .*which the relay does not accept/);
    expect(first!.attachments?.map((file) => file.name)).toEqual(['photo-1.png', 'photo-2.png', 'photo-3.png', 'photo-4.png']);
    expect(rest!.body).toBe('(files of the mail above, part 2 of 2)');
    expect(rest!.attachments?.map((file) => file.name)).toEqual(['photo-5.png']);
    const kept = await files.download(rest!.attachments![0]!.fileId);
    expect(kept.bytes.equals(pngFile(8, 1))).toBe(true);
  });

  it('stores a mail delivered again once', async () => {
    const before = ann.events.length;
    await deliver(fixture('apple-inline-png-and-pdf.eml'), 'noriko@example.jp');
    await deliver(Buffer.from('From: kim@example.com\r\nTo: support@acme.test\r\nSubject: later\r\nMessage-ID: <later-1@example.com>\r\n\r\nA later mail.\r\n'), 'kim@example.com');
    await ann.until('the later mail', (events) => customerMessages(events, 'A later mail.').length > 0);
    expect(ann.events.slice(before).filter((event) => event.data.type === 'message.created' && event.data.message.body.includes('the app shows this error'))).toEqual([]);
  });
});

describe('mail HTML with inline images', () => {
  it('names a kept cid: image by its file, keeps an unknown one as its Content-ID, and drops data- attributes a sender wrote', () => {
    const fileId = 'a'.repeat(64);
    const html = sanitizeMailHtml('<img src="CID:Shot%401@x"><img src="cid:other@x"><img src="https://t.example/p.gif" data-file-id="' + 'b'.repeat(64) + '">', new Map([['shot@1@x', fileId]]));
    expect(html).toBe(`<img data-file-id="${fileId}" /><img data-cid="other@x" /><img data-remote-src="https://t.example/p.gif" />`);
  });
});
