import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { jpegFile, pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, settledMessagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startTelegramFake, type TelegramFake } from './fakes/telegram/fake.js';
import { telegramFileUpdate, telegramTextUpdate } from './fakes/telegram/payloads.js';

const CREDENTIALS = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };
const OLENA = 5_512_345_678;

/** An attachment both ways on Telegram: files in by getFile and its path, out by sendPhoto/sendDocument as multipart. */
describe('Telegram attachments, end to end against the fake Bot API', () => {
  let fake: TelegramFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;
  let updateId = 5000;
  let messageId = 50;

  beforeEach(async () => {
    fake = await startTelegramFake(CREDENTIALS);
    scene = await startChannelRelay('telegram', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function olenaSends(update: unknown, body: string) {
    expect(await fake.deliver(update, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the Telegram conversation at Ann', (events) => firstConversationOn(events, 'telegram'));
    const message = await ann.until(`"${body}" at Ann`, (events) => settledMessagesOf(events, conversation.id).find((m) => m.body.startsWith(body)));
    return { conversation, message };
  }
  const photo = (fileId: string, fileSize: number, caption?: string) =>
    telegramFileUpdate({ updateId: ++updateId, chatId: OLENA, messageId: ++messageId, firstName: 'Olena', file: { kind: 'photo' }, fileId, fileSize, ...(caption ? { caption } : {}) });

  it("brings Olena's photo in, its largest size, typed from its bytes, the same bytes for the desk", async () => {
    const jpeg = jpegFile();
    const { message } = await olenaSends(photo(fake.files.add(jpeg, 'jpg'), jpeg.length, 'Ось фото'), 'Ось фото');
    expect(message.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'photo.jpg', mediaType: 'image/jpeg', kind: 'image', size: jpeg.length }]);
    const stored = await files.download(message.attachments![0]!.fileId);
    expect(stored.bytes.equals(jpeg)).toBe(true);
    // The largest size was fetched, not the thumbnail.
    expect(fake.sent.filter((r) => r.path.endsWith('/getFile')).map((r) => (r.body as { file_id: string }).file_id)).toEqual([expect.not.stringContaining('-thumb')]);
  });

  it('names a file over the limits, and a document that is not what it says, without keeping either', async () => {
    const { message: big } = await olenaSends(photo('AgAC-never-fetched', 21 * MB, 'Велике'), 'Велике');
    expect(big.body).toBe('Велике');
    expect(big.pendingFiles).toEqual([{ name: 'photo.jpg', state: 'failed', reason: 'it is 21 MB, over the 5 MB allowed for its kind' }]);
    const fake21 = telegramFileUpdate({ updateId: ++updateId, chatId: OLENA, messageId: ++messageId, firstName: 'Olena', file: { kind: 'document', fileName: 'contract.pdf', mimeType: 'application/pdf' }, fileId: fake.files.add(pngFile(), 'pdf'), fileSize: 100 });
    const { message: lying } = await olenaSends(fake21, 'contract.pdf');
    expect(lying.attachments).toBeUndefined();
    expect(lying.body).toBe('contract.pdf');
    expect(lying.pendingFiles).toEqual([{ name: 'contract.pdf', state: 'failed', reason: expect.stringMatching(/PNG/) }]);
    expect(fake.sent.filter((r) => r.path.endsWith('/getFile')).map((r) => (r.body as { file_id: string }).file_id)).toHaveLength(1);
  });

  it("sends Ann's image with sendPhoto and her PDF with sendDocument, the reply as the first caption", async () => {
    const { conversation } = await olenaSends(telegramTextUpdate({ updateId: ++updateId, chatId: OLENA, messageId: ++messageId, firstName: 'Olena', text: 'Надішліть, будь ласка' }), 'Надішліть');
    const png = pngFile(20, 10);
    const pdf = pdfFile();
    const attachments = [await files.upload(png, 'map.png', 'image'), await files.upload(pdf, 'invoice.pdf', 'document')];
    const id = randomUUID();
    expect(await ann.push({ kind: 'reply.send', conversationId: conversation.id, messageId: id, body: 'Ось карта і рахунок.', basis: { assigneeId: 'ann', status: 'open' }, attachments })).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    expect(fake.files.sent.map(({ method, chatId, caption, fileName, mimeType }) => ({ method, chatId, caption, fileName, mimeType }))).toEqual([
      { method: 'sendPhoto', chatId: String(OLENA), caption: 'Ось карта і рахунок.', fileName: 'map.png', mimeType: 'image/png' },
      { method: 'sendDocument', chatId: String(OLENA), caption: undefined, fileName: 'invoice.pdf', mimeType: 'application/pdf' },
    ]);
    expect(fake.files.sent[0]!.bytes.equals(png)).toBe(true);
    expect(fake.files.sent[1]!.bytes.equals(pdf)).toBe(true);
  });

  it('sends each part of a reply once: after the second part failed, the retry sends only that one', async () => {
    const { conversation } = await olenaSends(telegramTextUpdate({ updateId: ++updateId, chatId: OLENA, messageId: ++messageId, firstName: 'Olena', text: 'Обидва, будь ласка' }), 'Обидва');
    const attachments = [await files.upload(pngFile(16, 16), 'map.png', 'image'), await files.upload(pdfFile(), 'invoice.pdf', 'document')];
    // Telegram's 5xx for the second message only, once: the reply is retried.
    fake.respondOnceTo((request) => request.path.endsWith('/sendDocument'), { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    const id = randomUUID();
    expect(await ann.push({ kind: 'reply.send', conversationId: conversation.id, messageId: id, body: 'Ось обидва.', basis: { assigneeId: 'ann', status: 'open' }, attachments })).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    expect(fake.sent.filter((r) => /\/send(Photo|Document)$/.test(r.path)).map((r) => [r.path.split('/').at(-1), r.response.status])).toEqual([
      ['sendPhoto', 200],
      ['sendDocument', 502],
      ['sendDocument', 200],
    ]);
    expect(fake.files.sent.map(({ method, caption, fileName }) => ({ method, caption, fileName }))).toEqual([
      { method: 'sendPhoto', caption: 'Ось обидва.', fileName: 'map.png' },
      { method: 'sendDocument', caption: undefined, fileName: 'invoice.pdf' },
    ]);
    expect(deliveriesOf(ann.events, id).filter((d) => d.state === 'failed')).toEqual([]);
  });

  it('marks a reply "Not delivered" without calling Telegram when a file is over what a bot may send', async () => {
    const { conversation } = await olenaSends(telegramTextUpdate({ updateId: ++updateId, chatId: OLENA, messageId: ++messageId, firstName: 'Olena', text: 'Архів?' }), 'Архів?');
    const archive = await files.upload(Buffer.concat([pdfFile(), Buffer.alloc(51 * MB, 0x20)]), 'archive.pdf', 'document');
    const id = randomUUID();
    expect(await ann.push({ kind: 'reply.send', conversationId: conversation.id, messageId: id, body: 'archive.pdf', basis: { assigneeId: 'ann', status: 'open' }, attachments: [archive] })).toEqual([]);
    const failed = await ann.until('the reply failed', (events) => deliveriesOf(events, id).find((d) => d.state === 'failed'));
    expect(failed).toMatchObject({ failure: 'too-large', detail: 'Telegram takes files up to 50 MB from a bot; archive.pdf is 51.1 MB.' });
    expect(fake.files.sent).toEqual([]);
  });
});
