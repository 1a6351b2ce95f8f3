import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jpegFile, pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, settledMessagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startWechatFake, type WechatFake } from './fakes/wechat/fake.js';
import { wechatImage, wechatText } from './fakes/wechat/payloads.js';

const CREDENTIALS = { appId: 'wx1234567890abcdef', appSecret: 'wechat-app-secret-0123', token: 'consoleToken2024' };
const ACCOUNT = 'gh_0123456789ab';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const SEND_PATH = '/cgi-bin/message/custom/send';

/** An attachment both ways on WeChat: temporary media in by media/get, out by media/upload and a customer-service image message. */
describe('WeChat attachments, end to end against the fake Official Account platform', () => {
  let fake: WechatFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeEach(async () => {
    fake = await startWechatFake({ ...CREDENTIALS, enforceWindow: true });
    scene = await startChannelRelay('wechat', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function customerSends(xml: string, body: string) {
    expect(await fake.deliver(xml, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the WeChat conversation at Ann', (events) => firstConversationOn(events, 'wechat'));
    const message = await ann.until(`"${body}" at Ann`, (events) => settledMessagesOf(events, conversation.id).find((m) => m.body.startsWith(body)));
    return { conversation, message };
  }
  const reply = (conversationId: string, messageId: string, body: string, attachments: unknown[]) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' }, attachments });

  it("brings the customer's picture in by its MediaId, the same bytes for the desk", async () => {
    const jpeg = jpegFile();
    const image = wechatImage({ account: ACCOUNT, openId: OPENID, picUrl: 'http://mmbiz.qpic.cn/x', mediaId: fake.addMedia(jpeg, 'image/jpeg') });
    const { message } = await customerSends(image, 'image.jpg');
    expect(message.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'image.jpg', mediaType: 'image/jpeg', kind: 'image', size: jpeg.length }]);
    expect((await files.download(message.attachments![0]!.fileId)).bytes.equals(jpeg)).toBe(true);
  });

  it('names a picture WeChat no longer has, keeping nothing', async () => {
    const image = wechatImage({ account: ACCOUNT, openId: OPENID, picUrl: 'http://mmbiz.qpic.cn/x', mediaId: 'expired-media-id' });
    const { message } = await customerSends(image, 'image.jpg');
    expect(message.attachments).toBeUndefined();
    expect(message.body).toBe('image.jpg');
    expect(message.pendingFiles).toEqual([{ name: 'image.jpg', state: 'failed', reason: expect.stringMatching(/^WeChat answered: .*40007/) }]);
    // An expired media id stays so: asked once, not retried.
    expect(fake.sent.filter((r) => r.path === '/cgi-bin/media/get')).toHaveLength(1);
  });

  it("uploads Ann's image and sends it by media_id after her words; refuses a PDF, which WeChat cannot send", async () => {
    const { conversation } = await customerSends(wechatText({ account: ACCOUNT, openId: OPENID, content: '请发地图' }), '请发地图');
    const png = pngFile(16, 16);
    const map = await files.upload(png, 'map.png', 'image');
    const id = randomUUID();
    expect(await reply(conversation.id, id, '这是地图。', [map])).toEqual([]);
    await ann.until('the reply sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    const sends = fake.sent.filter((request) => request.path === SEND_PATH).map((request) => request.body as { msgtype: string; text?: { content: string }; image?: { media_id: string } });
    expect(sends.map((body) => body.msgtype)).toEqual(['text', 'image']);
    expect(sends[0]?.text?.content).toBe('这是地图。');
    const uploaded = fake.uploads.get(sends[1]!.image!.media_id);
    expect(uploaded?.bytes.equals(png)).toBe(true);

    const pdfId = randomUUID();
    expect(await reply(conversation.id, pdfId, 'invoice.pdf', [await files.upload(pdfFile(), 'invoice.pdf', 'document')])).toEqual([]);
    expect(await ann.until('the PDF refused', (events) => deliveriesOf(events, pdfId).find((d) => d.state === 'failed'))).toMatchObject({ failure: 'rejected' });
    const aloneId = randomUUID();
    const photo = await files.upload(pngFile(4, 4), 'photo.png', 'image');
    expect(await reply(conversation.id, aloneId, 'photo.png', [photo])).toEqual([]);
    await ann.until('the lone image sent', (events) => deliveriesOf(events, aloneId).some((d) => d.state === 'sent'));
    // With no words of its own (the body is its name), the image went alone; the PDF went nowhere.
    expect(fake.sent.filter((request) => request.path === SEND_PATH).map((request) => (request.body as { msgtype: string }).msgtype)).toEqual(['text', 'image', 'image']);
  });
});
