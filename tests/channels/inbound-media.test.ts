import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngFile } from '../../src-relay/files/testing/sample-files.js';
import { firstConversationOn, latestMessagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { DeskFiles } from './desk-files.js';
import { startWhatsAppFake, type WhatsAppFake } from './fakes/whatsapp/fake.js';
import { whatsAppMediaMessage } from './fakes/whatsapp/payloads.js';
import type { ChannelSettings } from '../../src-relay/channels/channel-runtime.js';
import { waitFor } from '../support/wait.js';

const CREDENTIALS = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };
const KIM = '4915112345678';

/**
 * A customer's file is fetched after the webhook is answered (channels/inbound-media.ts): the
 * provider never waits on its own media host, the message shows the file as being fetched, and
 * the file joins the message when it is kept, across a relay restart too, or shows why it could not be.
 */
describe("customers' files, fetched off the webhook's path", () => {
  let fake: WhatsAppFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let files: DeskFiles;

  async function start(settings: ChannelSettings = {}) {
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl, settings);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
  }
  beforeEach(async () => {
    fake = await startWhatsAppFake(CREDENTIALS);
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const photo = (mediaId: string, caption: string) => whatsAppMediaMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: KIM, name: 'Kim Weber', type: 'image', mediaId, mimeType: 'image/png', caption });

  /** Ann's last word on the message with this caption. */
  async function kimsMessage(desk: TestDesk, caption: string, settled: (message: ReturnType<typeof latestMessagesOf>[number]) => boolean) {
    const conversation = await desk.until('the conversation at Ann', (events) => firstConversationOn(events, 'whatsapp'));
    return desk.until(`"${caption}" as awaited at Ann`, (events) => latestMessagesOf(events, conversation.id).find((m) => m.body === caption && settled(m)));
  }

  it('answers the webhook while the media host still holds the file, then adds the file to the message', async () => {
    // A long timeout: the relay's one download waits as long as the host holds it.
    await start({ timeoutMs: 8_000 });
    const png = pngFile(8, 8);
    const release = fake.media.hold();
    expect(await fake.deliver(photo(fake.media.add(png, 'image/png'), 'Der Karton ist nass'), { webhookUrl: scene.webhookUrl })).toBe(200);
    // Answered at the first attempt, while the relay's download is under way and cannot have returned.
    await waitFor('the relay downloading', () => fake.media.downloadsAsked >= 1);
    expect(fake.deliveries.map((attempt) => attempt.status)).toEqual([200]);
    const waiting = await kimsMessage(ann, 'Der Karton ist nass', () => true);
    expect(waiting.attachments).toBeUndefined();
    expect(waiting.pendingFiles).toEqual([{ name: 'image.png', state: 'fetching', reason: null }]);
    release();
    const fetched = await kimsMessage(ann, 'Der Karton ist nass', (m) => m.attachments !== undefined);
    expect(fetched.id).toBe(waiting.id);
    expect(fetched.pendingFiles).toBeUndefined();
    expect(fetched.attachments).toEqual([{ fileId: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'image.png', mediaType: 'image/png', kind: 'image', size: png.length }]);
    expect((await files.download(fetched.attachments![0]!.fileId)).bytes.equals(png)).toBe(true);
    expect(fake.media.downloadsAsked).toBe(1);
  });

  it('fetches the file after a restart when the relay stopped mid-download', async () => {
    await start();
    const png = pngFile(12, 12);
    const release = fake.media.hold();
    expect(await fake.deliver(photo(fake.media.add(png, 'image/png'), 'Vor dem Neustart'), { webhookUrl: scene.webhookUrl })).toBe(200);
    await waitFor('the relay downloading', () => fake.media.downloadsAsked >= 1);
    ann.close();
    await scene.relay.close();
    release();
    await scene.startAgain();
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    const fetched = await kimsMessage(ann, 'Vor dem Neustart', (m) => m.attachments !== undefined);
    expect(fetched.attachments).toEqual([expect.objectContaining({ name: 'image.png', mediaType: 'image/png', size: png.length })]);
    expect(fetched.pendingFiles).toBeUndefined();
    files = await DeskFiles.signIn(scene.relay.url, 'ann@acme.test');
    expect((await files.download(fetched.attachments![0]!.fileId)).bytes.equals(png)).toBe(true);
    // The message itself was stored once, before the restart.
    const conversation = await ann.until('the conversation', (events) => firstConversationOn(events, 'whatsapp'));
    expect(latestMessagesOf(ann.events, conversation.id).filter((m) => m.body === 'Vor dem Neustart')).toHaveLength(1);
  });

  it('shows a file WhatsApp no longer has as not fetched, with the reason, and asks once', async () => {
    await start();
    expect(await fake.deliver(photo('999999999999999', 'Abgelaufen'), { webhookUrl: scene.webhookUrl })).toBe(200);
    const failed = await kimsMessage(ann, 'Abgelaufen', (m) => m.pendingFiles?.[0]?.state === 'failed');
    expect(failed.attachments).toBeUndefined();
    expect(failed.pendingFiles).toEqual([{ name: 'image.png', state: 'failed', reason: expect.stringMatching(/^WhatsApp answered 4\d\d for media 999999999999999$/) }]);
    expect(fake.sent.filter((r) => r.path === '/v23.0/999999999999999')).toHaveLength(1);
  });
});
