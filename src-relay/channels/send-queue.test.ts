import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { receiveChannelWebhook } from '../conversations/channel-messages.js';
import { queueChannelSend, queuedDelivery } from '../conversations/channel-replies.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { acmeCore } from '../testing/test-relay.js';
import { connectChannelAccount, disconnectChannelAccount } from './channel-accounts.js';
import { ChannelRuntime } from './channel-runtime.js';
import { CredentialBox } from './credential-box.js';
import { sendDue } from './send-queue.js';

const CREDENTIALS = { phoneNumberId: '1065', accessToken: 'EAAG-token-123', appSecret: 'app-secret-0123', verifyToken: 'verify-token-0123' };

/** The send outbox on a clock of the test's own, against a provider that always answers 503. */
describe('the send outbox', () => {
  let now: number;
  let core: RelayCore;
  let provider: Server;
  let calls: number;
  /** How the provider answers; by default 503. */
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  let runtime: ChannelRuntime;
  let account: ChannelAccount;

  beforeEach(async () => {
    now = 1_000_000;
    calls = 0;
    answer = (_req, res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":131000,"message":"Something went wrong"}}');
    provider = createServer((req, res) => {
      calls++;
      answer(req, res);
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    core = await acmeCore(() => now);
    const apiBaseUrls = { whatsapp: `http://127.0.0.1:${(provider.address() as AddressInfo).port}` };
    runtime = new ChannelRuntime(CredentialBox.withKey(randomBytes(32)), { apiBaseUrls, retryBaseMs: 1000, retryMaxMs: 10_000, maxAttempts: 3 });
    const connected = await connectChannelAccount(core, runtime, { tenantId: 'acme', provider: 'whatsapp', displayName: 'Acme', teamId: 'team-a', credentials: CREDENTIALS });
    if (!connected.ok) throw new Error(connected.message);
    account = connected.account;
  });
  afterEach(async () => {
    await core.store.close();
    await new Promise((resolve) => provider.close(resolve));
  });

  /** Kim (or another user) writes, and a reply to her is queued as the reply rule would queue it. */
  async function queuedReply(messageId: string, user = '4917'): Promise<void> {
    const inbound = { providerMessageId: `wamid.in.${user}`, externalUserId: user, displayName: 'Kim', language: null, body: 'Hi', sentAt: now };
    await receiveChannelWebhook(core, account, { messages: [inbound], statuses: [] });
    const contact = await core.store.channels.findContact(account.id, user);
    await core.commit('acme', async (changes) => {
      const conversation = await changes.store.conversations.findConversation('acme', contact?.conversationId ?? '');
      if (!conversation) throw new Error('no conversation');
      const message = { id: messageId, conversationId: conversation.id, author: 'agent' as const, authorId: 'ann', authorName: 'Ann', body: 'Hello Kim', createdAt: now, internal: false, original: null };
      await changes.addMessage({ ...message, channelDelivery: queuedDelivery(now) }, conversation, null);
      await queueChannelSend(changes, { accountId: account.id, recipient: user }, messageId);
    });
  }

  const deliveryOf = async (messageId: string) => (await core.store.conversations.findMessage(messageId))?.message.channelDelivery;

  it('tries again after 1 s, then 2 s, and gives up after its attempts, telling the agent why', async () => {
    await queuedReply('m1');
    expect(await sendDue(core, runtime, 'acme')).toBe(1);
    expect(await core.store.channels.findSend('m1')).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: now + 1000, lastError: 'WhatsApp error 131000: Something went wrong' });
    now += 999;
    expect(await sendDue(core, runtime, 'acme')).toBe(0);
    now += 1;
    expect(await sendDue(core, runtime, 'acme')).toBe(1);
    expect(await core.store.channels.findSend('m1')).toMatchObject({ state: 'queued', attempts: 2, nextAttemptAt: now + 2000 });
    now += 2000;
    expect(await sendDue(core, runtime, 'acme')).toBe(1);
    expect(calls).toBe(3);
    expect(await core.store.channels.findSend('m1')).toMatchObject({ state: 'failed', attempts: 3 });
    expect(await deliveryOf('m1')).toMatchObject({ state: 'failed', failure: 'gave-up', detail: expect.stringMatching(/^Gave up after 3 attempts/) });
    now += 60_000;
    expect(await sendDue(core, runtime, 'acme')).toBe(0);
  });

  it('never calls the provider again for a reply whose sender stopped mid-call: it shows as unconfirmed', async () => {
    await queuedReply('m2');
    // A sender claimed it, then its relay died before recording anything.
    await core.store.transaction((tx) => tx.channels.claimDueSends('acme', now, now + 5000, 10), { tenantId: 'acme' });
    expect(await sendDue(core, runtime, 'acme')).toBe(0);
    now += 5000;
    expect(await sendDue(core, runtime, 'acme')).toBe(1);
    expect(calls).toBe(0);
    expect(await deliveryOf('m2')).toMatchObject({ state: 'failed', failure: 'unconfirmed' });
    expect(await core.store.channels.findSend('m2')).toMatchObject({ state: 'failed' });
  });

  it("sends nothing more through a disconnected account: its queued replies are not delivered, nor is one a stopped sender held", async () => {
    await queuedReply('m1');
    await queuedReply('m2', '4918');
    // Both were claimed: m1's sender recorded a retry for later, m2's sender stopped without a word.
    await core.store.transaction((tx) => tx.channels.claimDueSends('acme', now, now + 5000, 10), { tenantId: 'acme' });
    await core.store.channels.updateSend('m1', { state: 'queued', at: now, nextAttemptAt: now + 1000, lastError: 'HTTP 503' });
    expect(await core.store.channels.findSend('m2')).toMatchObject({ state: 'sending' });
    const disconnected = await disconnectChannelAccount(core, runtime, account);
    expect(disconnected.disconnectedAt).toBe(now);
    expect(await deliveryOf('m1')).toMatchObject({ state: 'failed', failure: 'disconnected', detail: expect.stringContaining('disconnected the WhatsApp account "Acme"') });
    expect(await core.store.channels.findSend('m1')).toMatchObject({ state: 'failed' });
    // m2's claim lapses: it is not handed to the provider through the disconnected account.
    now += 60_000;
    expect(await sendDue(core, runtime, 'acme')).toBe(1);
    expect(await deliveryOf('m2')).toMatchObject({ state: 'failed', failure: 'disconnected' });
    expect(await sendDue(core, runtime, 'acme')).toBe(0);
    expect(calls).toBe(0);
    expect(await core.store.channels.findAccount(account.id)).toMatchObject({ disconnectedAt: disconnected.disconnectedAt, sealedCredentials: '' });
  });

  it("does not hold other replies while a provider is slow to answer one: the tick moves on, the slow one is sent once when it answers", async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    answer = (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const to = (JSON.parse(body) as { to: string }).to;
        const sent = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.out.${to}` }] }));
        if (to === '4917') void held.then(sent);
        else sent();
      });
    };
    await queuedReply('slow');
    await queuedReply('fast', '4918');
    // Both are claimed in one round; the tick ends without waiting for the slow provider call.
    expect(await sendDue(core, runtime, 'acme')).toBe(2);
    expect(await deliveryOf('fast')).toMatchObject({ state: 'sent' });
    expect(await core.store.channels.findSend('slow')).toMatchObject({ state: 'sending' });
    // Its claim holds: the next tick does not send it again.
    expect(await sendDue(core, runtime, 'acme')).toBe(0);
    release();
    for (let i = 0; i < 100 && (await deliveryOf('slow'))?.state !== 'sent'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await deliveryOf('slow')).toMatchObject({ state: 'sent' });
    expect(calls).toBe(2);
  });
});
