import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jpegFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, latestMessagesOf, settled, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startInstagramFake, type InstagramFake } from './fakes/instagram/fake.js';
import { instagramAttachment, instagramText } from './fakes/instagram/payloads.js';

const CREDENTIALS = { instagramAccountId: '17841400000000001', pageAccessToken: 'EAAG-ig-page-token', appSecret: 'ig-app-secret-0123', verifyToken: 'verify-token-0123' };
const IG = CREDENTIALS.instagramAccountId;
const IGSID = '6543210987654321';

/** An attachment both ways on Instagram (the Messenger Platform's Send API): in from the payload's URL, out uploaded with the message. */
describe('Instagram attachments, end to end against the fake Send API', () => {
  let fake: InstagramFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeEach(async () => {
    fake = await startInstagramFake({ appSecret: CREDENTIALS.appSecret, accessToken: CREDENTIALS.pageAccessToken, enforceWindow: true, account: { id: IG, name: 'acme.shoes' } });
    scene = await startChannelRelay('instagram', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function customerSends(payload: unknown) {
    expect(await fake.deliver(payload, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the Instagram conversation at Ann', (events) => firstConversationOn(events, 'instagram'));
    const message = await ann.until('the message at Ann', (events) => settled(latestMessagesOf(events, conversation.id).at(-1)));
    return { conversation, message };
  }

  it("brings the customer's photo in and sends Ann's image back as an upload, bytes for bytes", async () => {
    const jpeg = jpegFile();
    const { conversation, message } = await customerSends(instagramAttachment({ igId: IG, igsid: IGSID, type: 'image', url: fake.addMedia(jpeg, 'image/jpeg') }));
    expect(message.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: expect.any(String), mediaType: 'image/jpeg', kind: 'image', size: jpeg.length }]);
    expect((await files.download(message.attachments![0]!.fileId)).bytes.equals(jpeg)).toBe(true);

    await customerSends(instagramText({ igId: IG, igsid: IGSID, text: 'which size?' }));
    const png = pngFile(10, 4);
    const id = randomUUID();
    const chart = await files.upload(png, 'sizes.png', 'image');
    expect(await ann.push({ kind: 'reply.send', conversationId: conversation.id, messageId: id, body: 'sizes.png', basis: { assigneeId: 'ann', status: 'open' }, attachments: [chart] })).toEqual([]);
    await ann.until('the image sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    // With no words of its own, the image went alone.
    expect(fake.texts()).toEqual([]);
    expect(fake.receivedMedia).toHaveLength(1);
    expect(fake.receivedMedia[0]).toMatchObject({ url: 'upload:sizes.png', contentType: 'image/png' });
    expect(fake.receivedMedia[0]!.bytes.equals(png)).toBe(true);
  });
});
