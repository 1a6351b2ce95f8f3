import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import { TEST_PASSWORD } from '../../src-relay/testing/test-relay.js';
import { waitFor } from '../support/wait.js';
import { startChannelRelay, type ChannelRelay } from './channel-relay.js';
import { startWhatsAppFake, type WhatsAppFake } from './fakes/whatsapp/fake.js';
import { whatsAppError, whatsAppStatus, whatsAppTextMessage } from './fakes/whatsapp/payloads.js';

const CREDENTIALS = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };

/** A real workstation core: a WhatsApp customer's message in its inbox, its agent's reply out, and the reply's fate in its cache. */
describe('a workstation answering on WhatsApp', () => {
  let dir: string;
  let fake: WhatsAppFake;
  let scene: ChannelRelay;
  let desk: Workstation;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'channel-desk-'));
    fake = await startWhatsAppFake(CREDENTIALS);
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl);
    desk = Workstation.open({ dbPath: path.join(dir, 'ann.sqlite'), relayUrl: scene.relay.url });
    await desk.handlers['session.login']({ email: 'ann@acme.test', password: TEST_PASSWORD });
    await waitFor('Ann online', async () => (await desk.handlers['session.get']({})).connection.state === 'online');
  });
  afterEach(async () => {
    await desk.close();
    await scene.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const thread = async (conversationId: string) => (await desk.handlers['conversations.get']({ conversationId, before: null, limit: 50 })).messages;

  it('shows the reply sent, then read, and a failed one as not delivered with the reason', async () => {
    const message = whatsAppTextMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: '4915112345678', name: 'Kim Weber', body: 'Ist mein Paket unterwegs?' });
    expect(await fake.deliver(message, { webhookUrl: scene.webhookUrl })).toBe(200);
    const conversation = await waitFor('the conversation in the inbox', async () =>
      (await desk.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 })).items.find((c) => c.channel === 'whatsapp'));
    expect(conversation.customerName).toBe('Kim Weber');

    const { message: reply } = await desk.handlers['conversations.reply']({ conversationId: conversation.id, body: 'Ja, heute noch!' });
    await waitFor('the reply sent', async () => (await thread(conversation.id)).find((m) => m.id === reply.id)?.channelDelivery?.state === 'sent');
    const id = fake.texts()[0]?.id ?? '';
    expect(await fake.deliver(whatsAppStatus({ phoneNumberId: CREDENTIALS.phoneNumberId, id, status: 'read', recipientId: '4915112345678' }), { webhookUrl: scene.webhookUrl })).toBe(200);
    const read = await waitFor('the reply read', async () => (await thread(conversation.id)).find((m) => m.id === reply.id && m.channelDelivery?.state === 'read'));
    expect(read).toMatchObject({ delivery: 'sent', body: 'Ja, heute noch!' });

    fake.respondNext(whatsAppError(131026));
    const { message: refused } = await desk.handlers['conversations.reply']({ conversationId: conversation.id, body: 'Noch etwas?' });
    const failed = await waitFor('the reply failed', async () => (await thread(conversation.id)).find((m) => m.id === refused.id && m.channelDelivery?.state === 'failed'));
    expect(failed.channelDelivery).toMatchObject({ failure: 'undeliverable', detail: expect.stringContaining('131026') });

    // The agent sends it once more: a new reply, the refused one kept as the record of what happened.
    const { message: again } = await desk.handlers['messages.sendAgain']({ messageId: refused.id });
    expect(again).toMatchObject({ body: 'Noch etwas?', delivery: 'pending' });
    expect(again.id).not.toBe(refused.id);
    await waitFor('the second try sent', async () => (await thread(conversation.id)).find((m) => m.id === again.id)?.channelDelivery?.state === 'sent');
    // The fake took only what it did not refuse: the first reply, and this second try.
    expect(fake.texts().map((text) => text.body)).toEqual(['Ja, heute noch!', 'Noch etwas?']);
    expect((await thread(conversation.id)).find((m) => m.id === refused.id)?.channelDelivery?.state).toBe('failed');
    // Only a reply the app refused goes again this way: not one it took, nor the customer's words.
    await expect(desk.handlers['messages.sendAgain']({ messageId: reply.id })).rejects.toThrow(/refused can be sent again/);
  });
});
