import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { paddedTo, pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, latestMessagesOf, settled, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startSmsFake, type SmsFake } from './fakes/sms/fake.js';
import { smsIncoming } from './fakes/sms/payloads.js';

const CREDENTIALS = { accountSid: 'AC' + '3'.repeat(32), authToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', from: '+15005550006' };
const LUCAS = '+5511987654321';
/** The relay's address as Twilio calls it (behind a proxy); the fake reaches it on loopback. */
const PUBLIC_URL = 'https://relay.acme.test';

/** An attachment both ways by MMS through Twilio: MediaUrl{N} in, MediaUrl out (a signed, expiring relay URL Twilio fetches). */
describe('MMS attachments, end to end against the fake Twilio API', () => {
  let fake: SmsFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeEach(async () => {
    fake = await startSmsFake({ ...CREDENTIALS, reach: (url) => url.replace(PUBLIC_URL, scene.relay.url) });
    scene = await startChannelRelay('sms', CREDENTIALS, fake.apiBaseUrl, { publicUrl: PUBLIC_URL });
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function lucasSends(media: { url: string; contentType: string }[], body: string) {
    expect(await fake.deliver(smsIncoming({ accountSid: CREDENTIALS.accountSid, from: LUCAS, to: CREDENTIALS.from, body, media }), { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the SMS conversation at Ann', (events) => firstConversationOn(events, 'sms'));
    const message = await ann.until('the MMS at Ann', (events) => settled(latestMessagesOf(events, conversation.id).at(-1)));
    return { conversation, message };
  }
  const reply = (conversationId: string, messageId: string, body: string, attachments: unknown[]) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' }, attachments });

  it("brings Lucas's MMS picture in with his words, typed from its bytes", async () => {
    const png = pngFile(5, 5);
    const { message } = await lucasSends([{ url: fake.addMedia(png, 'image/png'), contentType: 'image/png' }], 'Foto do recibo');
    expect(message.body).toBe('Foto do recibo');
    expect(message.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'media-1.png', mediaType: 'image/png', kind: 'image', size: png.length }]);
    expect((await files.download(message.attachments![0]!.fileId)).bytes.equals(png)).toBe(true);
  });

  it("sends Ann's PDF as an MMS Twilio fetches from a signed URL that nobody can alter; refuses more than 5 MB in all", async () => {
    const { conversation } = await lucasSends([], 'Pode mandar o boleto?');
    const pdf = pdfFile();
    const id = randomUUID();
    expect(await reply(conversation.id, id, 'Segue o boleto.', [await files.upload(pdf, 'boleto.pdf', 'document')])).toEqual([]);
    await ann.until('the MMS sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    expect(fake.receivedMedia).toHaveLength(1);
    const [fetched] = fake.receivedMedia;
    expect(fetched).toMatchObject({ status: 200, contentType: 'application/pdf' });
    expect(fetched!.bytes.equals(pdf)).toBe(true);
    expect(fetched!.url.startsWith(`${PUBLIC_URL}/channels/files/`)).toBe(true);
    // A changed signature, type or expiry finds nothing.
    const direct = new URL(fetched!.url.replace(PUBLIC_URL, scene.relay.url));
    for (const [name, value] of [['signature', 'A'.repeat(43)], ['type', 'text/html'], ['expires', String(Date.now() + 86_400_000)]] as const) {
      const altered = new URL(direct);
      altered.searchParams.set(name, value);
      expect((await fetch(altered, { headers: { connection: 'close' } })).status).toBe(404);
    }

    const bigId = randomUUID();
    const photos = [await files.upload(paddedTo(pngFile(), 3 * MB), 'a.png', 'image'), await files.upload(paddedTo(pngFile(2, 3), 3 * MB), 'b.png', 'image')];
    expect(await reply(conversation.id, bigId, 'Fotos', photos)).toEqual([]);
    expect(await ann.until('the big MMS failed', (events) => deliveriesOf(events, bigId).find((d) => d.state === 'failed'))).toMatchObject({ failure: 'too-large' });
    expect(fake.receivedMedia).toHaveLength(1);
  });
});
