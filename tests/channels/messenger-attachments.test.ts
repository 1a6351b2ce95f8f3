import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, settledMessagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startMessengerFake, type MessengerFake } from './fakes/messenger/fake.js';
import { messengerAttachment, messengerText } from './fakes/messenger/payloads.js';

const CREDENTIALS = { pageId: '1122334455', pageAccessToken: 'EAAG-page-access-token', appSecret: 'messenger-app-secret', verifyToken: 'verify-token-0123' };
const PSID = '24680135792468';

/** An attachment both ways on Messenger: in from the payload's URL, out uploaded with the message (filedata). */
describe('Messenger attachments, end to end against the fake Send API', () => {
  let fake: MessengerFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeEach(async () => {
    fake = await startMessengerFake({ appSecret: CREDENTIALS.appSecret, accessToken: CREDENTIALS.pageAccessToken, enforceWindow: true, account: { id: CREDENTIALS.pageId, name: 'Acme Shoes' } });
    scene = await startChannelRelay('messenger', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function customerSends(payload: unknown, body: string) {
    expect(await fake.deliver(payload, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the Messenger conversation at Ann', (events) => firstConversationOn(events, 'messenger'));
    const message = await ann.until(`"${body}" at Ann`, (events) => settledMessagesOf(events, conversation.id).find((m) => m.body.startsWith(body)));
    return { conversation, message };
  }
  const reply = (conversationId: string, messageId: string, body: string, attachments: unknown[]) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' }, attachments });

  it("brings the customer's image in from its URL, typed from its bytes", async () => {
    const png = pngFile(6, 6);
    const url = fake.addMedia(png, 'image/png');
    const { message } = await customerSends(messengerAttachment({ pageId: CREDENTIALS.pageId, psid: PSID, type: 'image', url }), '');
    expect(message.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: expect.any(String), mediaType: 'image/png', kind: 'image', size: png.length }]);
    expect((await files.download(message.attachments![0]!.fileId)).bytes.equals(png)).toBe(true);
  });

  it("sends Ann's words, then her PDF uploaded as a file attachment; refuses one over Messenger's 25 MB without a call", async () => {
    const { conversation } = await customerSends(messengerText({ pageId: CREDENTIALS.pageId, psid: PSID, text: 'Invoice please' }), 'Invoice please');
    const pdf = pdfFile();
    const id = randomUUID();
    expect(await reply(conversation.id, id, 'Here it is.', [await files.upload(pdf, 'invoice.pdf', 'document')])).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    expect(fake.texts().map((t) => t.text)).toEqual(['Here it is.']);
    expect(fake.receivedMedia).toHaveLength(1);
    expect(fake.receivedMedia[0]).toMatchObject({ url: 'upload:invoice.pdf', contentType: 'application/pdf' });
    expect(fake.receivedMedia[0]!.bytes.equals(pdf)).toBe(true);

    const bigId = randomUUID();
    const big = await files.upload(Buffer.concat([pdfFile(), Buffer.alloc(26 * MB, 0x20)]), 'scan.pdf', 'document');
    expect(await reply(conversation.id, bigId, 'scan.pdf', [big])).toEqual([]);
    expect(await ann.until('the big one failed', (events) => deliveriesOf(events, bigId).find((d) => d.state === 'failed'))).toMatchObject({ failure: 'too-large' });
    expect(fake.receivedMedia).toHaveLength(1);
  });
});
