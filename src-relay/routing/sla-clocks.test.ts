import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient } from '../testing/socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

const MINUTE = 60_000;
const SEED: TenantSeed = {
  ...ACME,
  slaPolicies: [{ id: 'chat', name: 'Chat', channels: ['webchat'], firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 600 }],
};

/** SLA clocks through the real relay: started by the customer, met by a reply, breaches told once and kept. */
describe('SLA clocks at the relay', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let now = Date.UTC(2026, 10, 24, 10);
  const sockets: { close(): void }[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
  });

  async function setUp() {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, SEED);
    now = Date.UTC(2026, 10, 24, 10);
    relay = await startRelay({ dbPath: temp.dbPath, now: () => now, slaCheckIntervalMs: 20 });
    const session = await login(relay.url, 'ann@acme.test');
    const ann = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    sockets.push(ann);
    ann.send({ type: 'hello', token: session.token, clientId: 'ann-desk' });
    await ann.expect('welcome', []);
    ann.send({ type: 'pull', cursor: 0 });
    await ann.expect('events');
    const kim = await SocketClient.open(relay.url.replace(/^http/, 'ws') + WEBCHAT_PATH, WebchatServerFrame);
    sockets.push(kim);
    kim.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en-GB' });
    const ready = await kim.expect('ready', []);
    return { ann, kim, conversationId: ready.conversationId };
  }

  /** Reads Ann's live frames until the conversation arrives in a state that passes `check`. */
  async function until(ann: SocketClient<RelayFrame>, id: string, check: (c: Conversation) => boolean): Promise<Conversation> {
    for (;;) {
      const frame = await ann.next();
      if (frame.type !== 'events') continue;
      for (const event of frame.events) {
        if (event.data.type === 'conversation.upserted' && event.data.conversation.id === id && check(event.data.conversation)) return event.data.conversation;
      }
    }
  }

  it('starts with the first message, is met by a reply, and tells a missed next response once', async () => {
    const { ann, kim, conversationId } = await setUp();
    const started = now;
    kim.send({ type: 'send', clientMessageId: 'kim-message-1', body: 'Where is my parcel?' });
    let conversation = await until(ann, conversationId, (c) => c.sla != null);
    expect(conversation.sla).toEqual({ policyId: 'chat', firstResponseDueAt: started + 15 * MINUTE, nextResponseDueAt: null, resolutionDueAt: started + 600 * MINUTE, firstRespondedAt: null, breached: [] });

    now += 5 * MINUTE;
    ann.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: now, body: { kind: 'reply.send', conversationId, messageId: 'ann-reply-1', body: 'Checking now.' } }] });
    conversation = await until(ann, conversationId, (c) => c.sla?.firstRespondedAt != null);
    expect(conversation.sla).toMatchObject({ firstResponseDueAt: null, firstRespondedAt: now });

    kim.send({ type: 'send', clientMessageId: 'kim-message-2', body: 'Any news?' });
    conversation = await until(ann, conversationId, (c) => c.sla?.nextResponseDueAt != null);
    expect(conversation.sla?.nextResponseDueAt).toBe(now + 30 * MINUTE);

    now += 31 * MINUTE;
    conversation = await until(ann, conversationId, (c) => (c.sla?.breached.length ?? 0) > 0);
    expect(conversation.sla?.breached).toEqual(['next_response']);
    // Told once: the checks keep running, and nothing more changes.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ann.pending().filter((f) => f.type === 'events')).toEqual([]);
  });
});
