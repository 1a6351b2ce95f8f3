import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { paddedTo, pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, settledMessagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startViberFake, type ViberFake } from './fakes/viber/fake.js';
import { viberFile, viberMessage, viberPicture, viberTextMessage, viberUserId } from './fakes/viber/payloads.js';

const CREDENTIALS = { authToken: '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9', senderName: 'Acme Support' };
const OLENA = { id: viberUserId(), name: 'Olena Koval', language: 'uk' };
/** The relay's address as Viber calls it; the fake reaches it on loopback. */
const PUBLIC_URL = 'https://relay.acme.test';

/** An attachment both ways on Viber: media URLs in, media URLs out (the relay's signed, expiring ones). */
describe('Viber attachments, end to end against the fake REST bot API', () => {
  let fake: ViberFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeEach(async () => {
    fake = await startViberFake({ authToken: CREDENTIALS.authToken, name: 'Acme', retry: { attempts: 5, delayMs: 20 }, reach: (url) => url.replace(PUBLIC_URL, scene.relay.url) });
    scene = await startChannelRelay('viber', CREDENTIALS, fake.apiBaseUrl, { publicUrl: PUBLIC_URL });
    const set = await fetch(`${fake.apiBaseUrl}/pa/set_webhook`, {
      method: 'POST',
      headers: { 'x-viber-auth-token': CREDENTIALS.authToken, 'content-type': 'application/json' },
      body: JSON.stringify({ url: scene.webhookUrl, event_types: ['delivered', 'seen', 'failed'], send_name: true }),
    });
    expect(await set.json()).toMatchObject({ status: 0 });
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function olenaSends(message: Record<string, unknown>, body: string) {
    expect(await fake.deliver(viberMessage(OLENA, message), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the Viber conversation at Ann', (events) => firstConversationOn(events, 'viber'));
    const stored = await ann.until(`"${body}" at Ann`, (events) => settledMessagesOf(events, conversation.id).find((m) => m.body.startsWith(body)));
    return { conversation, message: stored };
  }
  const reply = (conversationId: string, messageId: string, body: string, attachments: unknown[]) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' }, attachments });

  it("brings Olena's picture and PDF in from their media URLs, typed from their bytes", async () => {
    const png = pngFile(7, 7);
    const { message: picture } = await olenaSends(viberPicture(fake.addMedia(png, 'image/png'), 'parcel.png', png.length), 'parcel.png');
    expect(picture.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'parcel.png', mediaType: 'image/png', kind: 'image', size: png.length }]);
    expect((await files.download(picture.attachments![0]!.fileId)).bytes.equals(png)).toBe(true);
    const pdf = pdfFile();
    const { message: document } = await olenaSends(viberFile(fake.addMedia(pdf, 'application/pdf'), 'рахунок.pdf', pdf.length), 'рахунок.pdf');
    expect(document.attachments?.[0]).toMatchObject({ name: 'рахунок.pdf', mediaType: 'application/pdf', kind: 'document', size: pdf.length });
  });

  it("sends Ann's words, then her PDF as a file Viber fetches from the relay; refuses a picture over Viber's 1 MB", async () => {
    const { conversation } = await olenaSends(viberTextMessage('Надішліть рахунок'), 'Надішліть рахунок');
    const pdf = pdfFile();
    const id = randomUUID();
    expect(await reply(conversation.id, id, 'Ось рахунок.', [await files.upload(pdf, 'invoice.pdf', 'document')])).toEqual([]);
    await ann.until('the file sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    const sends = fake.sent.filter((request) => request.path === '/pa/send_message').map((request) => request.body as { type: string; file_name?: string; size?: number });
    expect(sends.map((body) => body.type)).toEqual(['text', 'file']);
    expect(sends[1]).toMatchObject({ file_name: 'invoice.pdf', size: pdf.length });
    expect(fake.receivedMedia.at(-1)?.bytes.equals(pdf)).toBe(true);

    const bigId = randomUUID();
    const photo = await files.upload(paddedTo(pngFile(), 2 * MB), 'photo.png', 'image');
    expect(await reply(conversation.id, bigId, 'photo.png', [photo])).toEqual([]);
    expect(await ann.until('the picture refused', (events) => deliveriesOf(events, bigId).find((d) => d.state === 'failed'))).toMatchObject({ failure: 'too-large' });
  });
});
