import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoMediaFile, jpegFile, pdfFile, pngFile } from '../../src-relay/files/testing/sample-files.js';
import { deliveriesOf, firstConversationOn, settledMessagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startLineFake, type LineFake } from './fakes/line/fake.js';
import { lineFile, lineImage, lineMessageId, lineText } from './fakes/line/payloads.js';

const CREDENTIALS = { channelSecret: '8c570fa6dd201bb328f1c1eac23a96d8', channelAccessToken: 'line-channel-access-token-0123456789' };
const BOT = 'U' + 'b'.repeat(32);
const SOMCHAI = 'U' + '4af4980629'.padEnd(32, '7');
/** The relay's address as LINE calls it (it must be HTTPS); the fake reaches it on loopback. */
const PUBLIC_URL = 'https://relay.acme.test';

/** An attachment both ways on LINE: in by the content API, out as an image message LINE fetches from a signed relay URL. */
describe('LINE attachments, end to end against the fake Messaging API', () => {
  let fake: LineFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  beforeEach(async () => {
    fake = await startLineFake({ ...CREDENTIALS, botUserId: BOT, retry: { attempts: 3, delayMs: 20 }, reach: (url) => url.replace(PUBLIC_URL, scene.relay.url) });
    scene = await startChannelRelay('line', CREDENTIALS, fake.apiBaseUrl, { publicUrl: PUBLIC_URL });
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function somchaiSends(event: unknown, body: string) {
    expect(await fake.deliver(event, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await ann.until('the LINE conversation at Ann', (events) => firstConversationOn(events, 'line'));
    const message = await ann.until(`"${body}" at Ann`, (events) => settledMessagesOf(events, conversation.id).find((m) => m.body.startsWith(body)));
    return { conversation, message };
  }
  const reply = (conversationId: string, messageId: string, body: string, attachments: unknown[]) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' }, attachments });

  it("brings Somchai's photo and PDF in through the content API, typed from their bytes", async () => {
    const jpeg = jpegFile();
    const photoId = lineMessageId();
    fake.addContent(photoId, jpeg, 'image/jpeg');
    const { message: photo } = await somchaiSends(lineImage({ botUserId: BOT, userId: SOMCHAI, id: photoId }), 'image.jpg');
    expect(photo.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'image.jpg', mediaType: 'image/jpeg', kind: 'image', size: jpeg.length }]);
    expect((await files.download(photo.attachments![0]!.fileId)).bytes.equals(jpeg)).toBe(true);
    const pdf = pdfFile();
    const fileId = lineMessageId();
    fake.addContent(fileId, pdf, 'application/pdf');
    const { message: document } = await somchaiSends(lineFile({ botUserId: BOT, userId: SOMCHAI, id: fileId, fileName: 'ใบเสร็จ.pdf', fileSize: pdf.length }), 'ใบเสร็จ.pdf');
    expect(document.attachments?.[0]).toMatchObject({ name: 'ใบเสร็จ.pdf', mediaType: 'application/pdf', kind: 'document' });
  });

  it("sends Ann's words and image in one push LINE fetches from the relay; refuses a PDF, which a LINE bot cannot send", async () => {
    const { conversation } = await somchaiSends(lineText({ botUserId: BOT, userId: SOMCHAI, text: 'ขอแผนที่ครับ' }), 'ขอแผนที่ครับ');
    const png = pngFile(9, 9);
    const id = randomUUID();
    expect(await reply(conversation.id, id, 'แผนที่ร้านค่ะ', [await files.upload(png, 'map.png', 'image')])).toEqual([]);
    await ann.until('the push sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    const push = fake.sent.filter((request) => request.path === '/v2/bot/message/push').at(-1);
    const messages = (push?.body as { messages: { type: string; text?: string; originalContentUrl?: string }[] }).messages;
    expect(messages.map((m) => m.type)).toEqual(['text', 'image']);
    expect(messages[1]?.originalContentUrl?.startsWith(`${PUBLIC_URL}/channels/files/`)).toBe(true);
    expect(fake.receivedMedia[0]?.bytes.equals(png)).toBe(true);
    expect(fake.receivedMedia[0]?.contentType).toBe('image/png');

    const pdfId = randomUUID();
    expect(await reply(conversation.id, pdfId, 'invoice.pdf', [await files.upload(pdfFile(), 'invoice.pdf', 'document')])).toEqual([]);
    expect(await ann.until('the PDF refused', (events) => deliveriesOf(events, pdfId).find((d) => d.state === 'failed'))).toMatchObject({ failure: 'rejected' });
  });

  it("sends Ann's video with a preview image and her M4A audio with its length, as LINE's API documents them; refuses MP3, whose length it cannot read", async () => {
    const { conversation } = await somchaiSends(lineText({ botUserId: BOT, userId: SOMCHAI, text: 'ขอวิดีโอครับ' }), 'ขอวิดีโอครับ');
    const video = isoMediaFile('isom', 61_000);
    const voice = isoMediaFile('M4A ', 12_345);
    const clip = await files.upload(video, 'how-to.mp4', 'video');
    const note = await files.upload(voice, 'note.m4a', 'audio');
    expect([clip.mediaType, note.mediaType]).toEqual(['video/mp4', 'audio/mp4']);
    const id = randomUUID();
    expect(await reply(conversation.id, id, 'วิธีประกอบค่ะ', [clip, note])).toEqual([]);
    await ann.until('the push sent', (events) => deliveriesOf(events, id).some((d) => d.state === 'sent'));
    const push = fake.sent.filter((request) => request.path === '/v2/bot/message/push').at(-1);
    const messages = (push?.body as { messages: Record<string, unknown>[] }).messages;
    expect(messages).toEqual([
      { type: 'text', text: 'วิธีประกอบค่ะ' },
      { type: 'video', originalContentUrl: expect.stringMatching(`^${PUBLIC_URL}/channels/files/${clip.fileId}/how-to.mp4\\?`), previewImageUrl: expect.stringMatching(`^${PUBLIC_URL}/channels/files/[0-9a-f]{64}/preview.jpg\\?`) },
      { type: 'audio', originalContentUrl: expect.stringMatching(`^${PUBLIC_URL}/channels/files/${note.fileId}/note.m4a\\?`), duration: 12_345 },
    ]);
    // LINE fetched each: the video and the audio as they are, the preview as a JPEG under its 1 MB.
    const fetched = (url: unknown) => fake.receivedMedia.find((one) => one.url === url);
    expect(fetched(messages[1]?.originalContentUrl)?.bytes.equals(video)).toBe(true);
    expect(fetched(messages[1]?.previewImageUrl)).toMatchObject({ status: 200, contentType: 'image/jpeg' });
    expect(fetched(messages[1]?.previewImageUrl)?.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(fetched(messages[2]?.originalContentUrl)?.bytes.equals(voice)).toBe(true);
    expect(fetched(messages[2]?.originalContentUrl)?.contentType).toBe('audio/mp4');

    const mp3Id = randomUUID();
    const mp3 = Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
    expect(await reply(conversation.id, mp3Id, 'song.mp3', [await files.upload(mp3, 'song.mp3', 'audio')])).toEqual([]);
    const failed = await ann.until('the MP3 refused', (events) => deliveriesOf(events, mp3Id).find((d) => d.state === 'failed'));
    expect(failed).toMatchObject({ failure: 'rejected', detail: expect.stringMatching(/M4A.*song\.mp3 is audio\/mpeg/) });
  });
});
