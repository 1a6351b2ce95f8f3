import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, settledMessagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startWhatsAppFake, type WhatsAppFake } from './fakes/whatsapp/fake.js';
import { whatsAppMediaMessage, whatsAppTextMessage } from './fakes/whatsapp/payloads.js';

const CREDENTIALS = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const KIM = '4915112345678';

/** An attachment both ways on WhatsApp: media in by id (GET /{media-id}, then its URL), files out by upload and media message. */
describe('WhatsApp attachments, end to end against the fake Cloud API', () => {
  let fake: WhatsAppFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeEach(async () => {
    fake = await startWhatsAppFake(CREDENTIALS);
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const media = (over: { type: 'image' | 'document'; mediaId: string; mimeType: string; caption?: string; filename?: string }) =>
    whatsAppMediaMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: KIM, name: 'Kim Weber', ...over });

  async function kimSends(payload: unknown, body: string) {
    expect(await fake.deliver(payload, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the WhatsApp conversation at Ann', (events) => firstConversationOn(events, 'whatsapp'));
    return ann.until(`"${body}" at Ann`, (events) => settledMessagesOf(events, conversation.id).find((m) => m.body.startsWith(body)));
  }

  it("brings Kim's photo in with her caption, typed from its bytes, the same bytes for the desk", async () => {
    const png = pngFile(8, 8);
    const message = await kimSends(media({ type: 'image', mediaId: fake.media.add(png, 'image/png'), mimeType: 'image/png', caption: 'Der Karton ist nass' }), 'Der Karton ist nass');
    expect(message.body).toBe('Der Karton ist nass');
    expect(message.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'image.png', mediaType: 'image/png', kind: 'image', size: png.length }]);
    const stored = await files.download(message.attachments![0]!.fileId);
    expect(stored).toMatchObject({ status: 200, type: 'image/png' });
    expect(stored.bytes.equals(png)).toBe(true);
    // The download went with the account's token, as Meta requires.
    expect(fake.sent.filter((r) => r.path.startsWith('/whatsapp-media/')).map((r) => r.headers.authorization)).toEqual([`Bearer ${CREDENTIALS.accessToken}`]);
  });

  it('names, and does not keep, a file whose bytes are not what WhatsApp says or that is over the limit', async () => {
    const lying = media({ type: 'document', mediaId: fake.media.add(pngFile(), 'application/pdf'), mimeType: 'application/pdf', filename: 'rechnung.pdf' });
    const mislabeled = await kimSends(lying, 'rechnung.pdf');
    expect(mislabeled.attachments).toBeUndefined();
    expect(mislabeled.body).toBe('rechnung.pdf');
    expect(mislabeled.pendingFiles).toEqual([{ name: 'rechnung.pdf', state: 'failed', reason: expect.stringMatching(/PNG/) }]);
    const huge = Buffer.alloc(5 * MB + 1);
    const tooBig = await kimSends(media({ type: 'image', mediaId: fake.media.add(huge, 'image/jpeg'), mimeType: 'image/jpeg', caption: 'Riesig' }), 'Riesig');
    expect(tooBig.body).toBe('Riesig');
    expect(tooBig.pendingFiles).toEqual([{ name: 'image.jpg', state: 'failed', reason: 'it is 5.1 MB, over the 5 MB allowed for its kind' }]);
    // Over the limit, the bytes were never fetched.
    expect(fake.sent.filter((r) => r.path.startsWith('/whatsapp-media/'))).toHaveLength(1);
  });

  it("sends Ann's PDF as a document message: uploaded, then sent by its media id with the reply as caption", async () => {
    expect(await fake.deliver(whatsAppTextMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: KIM, name: 'Kim Weber', body: 'Rechnung bitte' }), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the conversation', (events) => firstConversationOn(events, 'whatsapp'));
    const pdf = pdfFile();
    const invoice = await files.upload(pdf, 'Rechnung 42.pdf', 'document');
    const messageId = randomUUID();
    const rejections = await ann.push({ kind: 'reply.send', conversationId: conversation.id, messageId, body: 'Hier ist Ihre Rechnung.', basis: { assigneeId: 'ann', status: 'open' }, attachments: [invoice] });
    expect(rejections).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, messageId).some((d) => d.state === 'sent'));
    expect(fake.sentMedia).toHaveLength(1);
    const [sent] = fake.sentMedia;
    expect(sent).toMatchObject({ to: KIM, type: 'document', caption: 'Hier ist Ihre Rechnung.', filename: 'Rechnung 42.pdf' });
    expect(sent!.media.mimeType).toBe('application/pdf');
    expect(sent!.media.bytes.equals(pdf)).toBe(true);
    expect(fake.texts()).toEqual([]);
  });
});
