import { describe, expect, it } from 'vitest';
import { ErasureResponse } from '../../src-shared/protocol/admin.js';
import type { RelayFrame } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import { useSeededRelay, type SyncClient } from '../testing/sync-harness.js';
import { WEBCHAT_QUIET } from '../testing/socket-client.js';
import { ACME, login } from '../testing/test-relay.js';

type Ack = Extract<RelayFrame, { type: 'ack' }>;

/** Ann is the only one available, so a new web chat goes to her. Kim has two conversations, Yui one. */
const SEED: TenantSeed = {
  ...ACME,
  agents: ACME.agents.map((agent) => ({ ...agent, presence: agent.id === 'ann' ? ('available' as const) : ('away' as const) })),
  customers: [
    { id: 'kim', name: 'Kim Kowalski', language: 'en-GB' },
    { id: 'yui', name: 'Yui', language: 'ja-JP' },
  ],
  conversations: [
    {
      id: 'c-kim-1',
      customer: 'kim',
      channel: 'email',
      team: 'team-a',
      assignee: 'bob',
      status: 'open',
      messages: [
        { minutesAgo: 50, author: 'customer', body: 'My address is 1 Elm Street' },
        { minutesAgo: 49, author: 'agent', body: 'Noted, Kim' },
      ],
    },
    { id: 'c-kim-2', customer: 'kim', channel: 'sms', team: 'team-a', assignee: 'bob', status: 'resolved', messages: [{ minutesAgo: 40, author: 'customer', body: 'Call me on 555-0199' }] },
    { id: 'c-yui', customer: 'yui', channel: 'line', team: 'team-b', assignee: 'cid', status: 'open', messages: [{ minutesAgo: 30, author: 'customer', body: 'For Cid' }] },
  ],
};

describe('customer erasure', () => {
  const now = Date.now();
  const { open, signIn, pullAll, relayUrl } = useSeededRelay(SEED, now);

  async function live(email: string) {
    const signedIn = await signIn(email);
    const { to } = await pullAll(signedIn.client);
    return { ...signedIn, cursor: to };
  }

  const reply = (mutationId: number, conversationId: string, messageId: string, body = `reply ${messageId}`) => ({
    mutationId,
    createdAt: now,
    body: { kind: 'reply.send', conversationId, messageId, body },
  });

  async function push(client: SyncClient, mutations: unknown[]): Promise<Ack> {
    client.send({ type: 'push', mutations });
    return client.expect('ack', ['presence', 'events']);
  }

  const erase = (token: string | null, body: string) =>
    fetch(`${relayUrl()}/api/admin/erasures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });

  async function customer(visitorToken?: string) {
    const page = await open(WEBCHAT_PATH, WebchatServerFrame);
    page.send({ type: 'hello', tenant: 'acme', name: 'Lea Lindqvist', language: 'en-US', visitorToken });
    return { page, ready: await page.expect('ready', []) };
  }

  it('answers an administrator with the erased conversations and message count', async () => {
    const root = await login(relayUrl(), 'root@acme.test');
    const response = await erase(root.token, JSON.stringify({ customerId: 'kim' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(ErasureResponse.parse(await response.json())).toEqual({ customerId: 'kim', conversationIds: ['c-kim-1', 'c-kim-2'], messages: 3 });

    // Asked again, there is nothing left to erase; Yui was never touched.
    const again = await erase(root.token, JSON.stringify({ customerId: 'kim' }));
    expect(await again.json()).toEqual({ customerId: 'kim', conversationIds: [], messages: 0 });
    // Each request is audited: who, which customer (by id alone), how much went.
    const audited = await fetch(`${relayUrl()}/api/admin/audit?action=customer.erased`, { headers: { authorization: `Bearer ${root.token}` } });
    expect(((await audited.json()) as { entries: unknown[] }).entries).toEqual([
      expect.objectContaining({ actorId: 'root', target: { type: 'customer', id: 'kim' }, details: { customers: 1, conversations: 0, messages: 0 } }),
      expect.objectContaining({ actorId: 'root', target: { type: 'customer', id: 'kim' }, details: { customers: 1, conversations: 2, messages: 3 } }),
    ]);
    const { events } = await pullAll((await signIn('root@acme.test')).client);
    expect(events.flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.body] : []))).toEqual(['For Cid']);
  });

  it('refuses anyone but an administrator, and a request it cannot read', async () => {
    const ann = await login(relayUrl(), 'ann@acme.test');
    const sue = await login(relayUrl(), 'sue@acme.test');
    const root = await login(relayUrl(), 'root@acme.test');
    const kim = JSON.stringify({ customerId: 'kim' });

    const noToken = await erase(null, kim);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await erase('not-a-token', kim)).status).toBe(401);
    for (const nonAdmin of [ann, sue]) {
      const refused = await erase(nonAdmin.token, kim);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    for (const bad of [JSON.stringify({ customer: 'kim' }), JSON.stringify({ customerId: 'kim', also: 'yui' }), JSON.stringify({ customerId: '' }), '{not json', '']) {
      const refused = await erase(root.token, bad);
      expect(refused.status, bad).toBe(400);
    }

    // None of that erased anything.
    const { events } = await pullAll((await signIn('root@acme.test')).client);
    expect(events.some((e) => e.data.type === 'conversation.erased')).toBe(false);
    expect(JSON.stringify(events)).toContain('1 Elm Street');
  });

  it('removes a web chat customer everywhere: live workstations, the log, their page, late replies', async () => {
    const ann = await live('ann@acme.test');
    const { page, ready } = await customer();
    const opened = await ann.client.expect('events');
    const upsert = opened.events[0]?.data;
    if (upsert?.type !== 'conversation.upserted') throw new Error(`expected the new conversation, got ${JSON.stringify(upsert)}`);
    expect(upsert.conversation).toMatchObject({ id: ready.conversationId, assigneeId: 'ann' });
    const { customerId } = upsert.conversation;
    page.send({ type: 'send', clientMessageId: 'lea-msg-1', body: 'My card number is 4111 1111' });
    await page.expect('message', WEBCHAT_QUIET);
    await ann.client.expect('events');
    expect((await push(ann.client, [reply(1, ready.conversationId, 'ann-1', 'Please never send card numbers')])).rejections).toEqual([]);
    await page.expect('message', WEBCHAT_QUIET);

    // Bob (same team, not holding it), Cid (another team) and Sue (supervisor) are live too.
    const others = [await live('bob@acme.test'), await live('cid@acme.test'), await live('sue@acme.test')];
    const headBefore = others[2]!.cursor;

    const root = await login(relayUrl(), 'root@acme.test');
    const response = await erase(root.token, JSON.stringify({ customerId }));
    expect(await response.json()).toEqual({ customerId, conversationIds: [ready.conversationId], messages: 2 });

    for (const agent of [ann, ...others]) {
      const frame = await agent.client.expect('events');
      expect(frame.from).toBe(headBefore);
      expect(frame.events.map((e) => e.data)).toEqual([{ type: 'conversation.erased', conversationId: ready.conversationId }]);
    }

    // A workstation starting from scratch learns only that it was erased.
    const fresh = await signIn('root@acme.test');
    expect(fresh.welcome.headSeq).toBeGreaterThan(headBefore);
    const everything = JSON.stringify((await pullAll(fresh.client)).events);
    for (const trace of ['Lea Lindqvist', '4111 1111', 'Please never send card numbers', customerId]) expect(everything).not.toContain(trace);
    const mentions = (await pullAll(fresh.client)).events.filter((e) => JSON.stringify(e).includes(ready.conversationId));
    expect(mentions.map((e) => e.data)).toEqual([{ type: 'conversation.erased', conversationId: ready.conversationId }]);

    // The head did not move back: a cursor at the old head still pulls, and gets the erasure.
    const sue = await signIn('sue@acme.test');
    sue.client.send({ type: 'pull', cursor: headBefore });
    const after = await sue.client.expect('events');
    expect(after).toMatchObject({ type: 'events', from: headBefore, to: fresh.welcome.headSeq, hasMore: false });
    expect(after.events.map((e) => e.data.type)).toEqual(['conversation.erased']);

    // Neither a snapshot.
    sue.client.send({ type: 'snapshot', after: null });
    const snapshot = await sue.client.expect('snapshot');
    expect(snapshot.conversations.map((c) => c.id)).toEqual(['c-kim-1', 'c-kim-2']);

    // The page still open is told the chat ended; what it sends now is not stored anywhere.
    expect(await page.expect('error', ['message'])).toMatchObject({ message: expect.stringMatching(/ended/) });
    page.send({ type: 'send', clientMessageId: 'lea-msg-2', body: 'Are you still there?' });
    expect(await page.expect('error', WEBCHAT_QUIET)).toMatchObject({ message: expect.stringMatching(/name first/) });

    // The visitor token opens nothing of the old thread.
    const back = await customer(ready.visitorToken);
    expect(back.ready.conversationId).not.toBe(ready.conversationId);
    expect(back.ready.messages).toEqual([]);

    // Ann's outbox still held work on it from before; each is refused with the reason.
    const late = await push(ann.client, [
      { ...reply(2, ready.conversationId, 'ann-late'), body: { ...reply(2, ready.conversationId, 'ann-late').body, basis: { assigneeId: 'ann', status: 'open' } } },
      { mutationId: 3, createdAt: now, body: { kind: 'note.add', conversationId: ready.conversationId, messageId: 'ann-note', body: 'gone?' } },
      { mutationId: 4, createdAt: now, body: { kind: 'conversation.setStatus', conversationId: ready.conversationId, status: 'resolved' } },
    ]);
    expect(late.rejections).toEqual([2, 3, 4].map((mutationId) => ({ mutationId, code: 'not_found', reason: 'erased', message: expect.stringMatching(/erased/) })));
    // While a conversation that never existed is plainly not found.
    const unknown = await push(ann.client, [reply(5, 'c-never', 'ann-never')]);
    expect(unknown.rejections).toEqual([{ mutationId: 5, code: 'not_found', message: expect.any(String) }]);
  });

  it('erases every conversation of a seeded customer from the log, leaving the others', async () => {
    const bob = await live('bob@acme.test');
    const cid = await live('cid@acme.test');
    const root = await login(relayUrl(), 'root@acme.test');
    await erase(root.token, JSON.stringify({ customerId: 'kim' }));

    // One commit: both erasures in one frame, for Bob who held them and Cid who never did.
    for (const agent of [bob, cid]) {
      const frame = await agent.client.expect('events');
      expect(frame.events.map((e) => e.data)).toEqual([
        { type: 'conversation.erased', conversationId: 'c-kim-1' },
        { type: 'conversation.erased', conversationId: 'c-kim-2' },
      ]);
    }
    const everything = (await pullAll((await signIn('root@acme.test')).client)).events;
    expect(JSON.stringify(everything)).not.toMatch(/Kim Kowalski|Elm Street|555-0199|Noted, Kim/);
    const upserted = everything.flatMap((e) => (e.data.type === 'conversation.upserted' ? [e.data.conversation.id] : []));
    expect(new Set(upserted)).toEqual(new Set(['c-yui']));
  });
});
