import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_BAD_FRAME, CLOSE_UNAUTHORIZED, RelayFrame, SYNC_PATH, type EventsFrame, type SyncEvent } from '../../src-shared/protocol/sync.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient, WEBCHAT_QUIET } from '../testing/socket-client.js';
import { ACME_WITH_HISTORY, conversationIds } from '../testing/sync-harness.js';
import { login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

type SyncClient = SocketClient<RelayFrame>;

describe('sync over /sync', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let clock: number;
  const clients: SyncClient[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME_WITH_HISTORY);
    clock = Date.now();
    relay = await startRelay({ dbPath: temp.dbPath, now: () => clock, tokenTtlMs: 60_000 });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await relay.close();
    await temp.remove();
  });

  async function open(): Promise<SyncClient> {
    const client = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    clients.push(client);
    return client;
  }

  async function signIn(email: string, clientId = `${email}-laptop`) {
    const session = await login(relay.url, email);
    const client = await open();
    client.send({ type: 'hello', token: session.token, clientId });
    const welcome = await client.expect('welcome', []);
    return { client, welcome, token: session.token };
  }

  /** Pulls every page from `cursor`; the connection is live afterwards. */
  async function pullAll(client: SyncClient, cursor = 0, limit?: number): Promise<{ events: SyncEvent[]; pages: EventsFrame[] }> {
    const pages: EventsFrame[] = [];
    for (;;) {
      client.send({ type: 'pull', cursor, limit });
      const page = await client.expect('events');
      expect(page.from).toBe(cursor);
      pages.push(page);
      cursor = page.to;
      if (!page.hasMore) return { events: pages.flatMap((p) => p.events), pages };
    }
  }

  const reply = (mutationId: number, conversationId: string, messageId: string, body = `reply ${messageId}`) => ({
    mutationId,
    createdAt: clock,
    body: { kind: 'reply.send', conversationId, messageId, body },
  });

  it('welcomes a signed-in client with its agent, its last mutation id and the log head', async () => {
    const { client, welcome } = await signIn('ann@acme.test');
    expect(welcome.agent).toMatchObject({ id: 'ann', tenantId: 'acme', role: 'agent', teamIds: ['team-a'] });
    expect(welcome.lastMutationId).toBe(0);
    const { pages } = await pullAll(client);
    expect(welcome.headSeq).toBe(pages.at(-1)?.to);
    expect(welcome.headSeq).toBeGreaterThan(0);
  });

  it('refuses a bad token and closes with CLOSE_UNAUTHORIZED', async () => {
    const client = await open();
    client.send({ type: 'hello', token: 'not-a-token', clientId: 'x' });
    expect(await client.expect('error', WEBCHAT_QUIET)).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('refuses an expired token the same way', async () => {
    const session = await login(relay.url, 'ann@acme.test');
    clock += 60_000;
    const client = await open();
    client.send({ type: 'hello', token: session.token, clientId: 'x' });
    expect(await client.expect('error', WEBCHAT_QUIET)).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/expired/) });
    expect((await client.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('closes with CLOSE_BAD_FRAME when the first frame is not a hello', async () => {
    for (const first of ['{"type":"pull","cursor":0}', 'not json at all']) {
      const client = await open();
      client.send(first);
      expect(await client.expect('error', WEBCHAT_QUIET)).toMatchObject({ code: 'bad_frame' });
      expect((await client.closed).code).toBe(CLOSE_BAD_FRAME);
    }
  });

  it('pulls in pages that chain from/to and together hold exactly what the agent may see', async () => {
    const { client, welcome } = await signIn('ann@acme.test');
    const whole = await pullAll(client);
    const paged = await pullAll(client, 0, 3);
    expect(paged.pages.length).toBeGreaterThan(2);
    paged.pages.forEach((page, i) => {
      if (i > 0) expect(page.from).toBe(paged.pages[i - 1]?.to);
      for (const event of page.events) expect(event.seq > page.from && event.seq <= page.to).toBe(true);
      expect(page.to - page.from).toBeLessThanOrEqual(3);
    });
    expect(paged.pages.at(-1)).toMatchObject({ to: welcome.headSeq, hasMore: false });
    expect(paged.events).toEqual(whole.events);
    expect(conversationIds(whole.events)).toEqual(['c-ann', 'c-queue']);
  });

  it('shows a supervisor their teams and an admin the whole tenant', async () => {
    const sue = await signIn('sue@acme.test');
    expect(conversationIds((await pullAll(sue.client)).events)).toEqual(['c-ann', 'c-bob', 'c-queue']);
    const root = await signIn('root@acme.test');
    expect(conversationIds((await pullAll(root.client)).events)).toEqual(['c-ann', 'c-bob', 'c-queue', 'c-cid']);
  });

  it('applies a push exactly once, even when the same push arrives twice', async () => {
    const { client } = await signIn('ann@acme.test', 'ann-phone');
    await pullAll(client);
    const push = { type: 'push', mutations: [reply(1, 'c-ann', 'msg-1', 'Once only')] };
    client.send(push);
    expect(await client.expect('ack', ['presence', 'events'])).toEqual({ type: 'ack', lastMutationId: 1, rejections: [] });
    client.send(push);
    expect(await client.expect('ack', ['presence', 'events'])).toEqual({ type: 'ack', lastMutationId: 1, rejections: [] });

    const root = await signIn('root@acme.test');
    const created = (await pullAll(root.client)).events.filter((e) => e.data.type === 'message.created' && e.data.message.id === 'msg-1');
    expect(created).toHaveLength(1);
    expect(created[0]?.data).toMatchObject({ message: { body: 'Once only', author: 'agent', authorId: 'ann', authorName: 'Ann' } });

    const again = await signIn('ann@acme.test', 'ann-phone');
    expect(again.welcome.lastMutationId).toBe(1);
  });

  it('skips ids it has applied, accepts gaps, and counts mutation ids per agent', async () => {
    const { client } = await signIn('ann@acme.test', 'shared-client');
    client.send({ type: 'push', mutations: [reply(5, 'c-ann', 'm5'), reply(3, 'c-ann', 'm3'), reply(9, 'c-ann', 'm9')] });
    expect(await client.expect('ack', ['presence', 'events'])).toEqual({ type: 'ack', lastMutationId: 9, rejections: [] });
    const bob = await signIn('bob@acme.test', 'shared-client');
    expect(bob.welcome.lastMutationId).toBe(0);
    const root = await signIn('root@acme.test');
    const ids = (await pullAll(root.client)).events.flatMap((e) => (e.data.type === 'message.created' ? [e.data.message.id] : []));
    expect(ids.filter((id) => ['m3', 'm5', 'm9'].includes(id))).toEqual(['m5', 'm9']);
  });

  it('rejects what is not allowed, counts it as handled, and goes on', async () => {
    const { client } = await signIn('ann@acme.test');
    client.send({
      type: 'push',
      mutations: [
        reply(1, 'no-such-conversation', 'r1'),
        reply(2, 'c-bob', 'r2'),
        { mutationId: 3, createdAt: clock, body: { kind: 'reply.send', conversationId: 'c-ann', messageId: 'r3', body: '   ' } },
        { mutationId: 4, createdAt: clock, body: { kind: 'teleport' } },
        reply(5, 'c-ann', 'c-ann-m1'),
        reply(6, 'c-ann', 'r6', 'this one is fine'),
      ],
    });
    const ack = await client.expect('ack', ['presence', 'events']);
    expect(ack.lastMutationId).toBe(6);
    expect(ack.rejections.map((r) => [r.mutationId, r.code])).toEqual([
      [1, 'not_found'],
      [2, 'forbidden'],
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'conflict'],
    ]);
    expect(ack.rejections[2]?.message).toMatch(/cannot be empty/);
    client.send({ type: 'push', mutations: [reply(7, 'c-ann', 'r7')] });
    expect(await client.expect('ack', ['presence', 'events'])).toEqual({ type: 'ack', lastMutationId: 7, rejections: [] });
  });

  it('sends live events chained from/to, and only those the agent may see', async () => {
    const ann = await signIn('ann@acme.test');
    const bob = await signIn('bob@acme.test');
    const sue = await signIn('sue@acme.test');
    const annTo = (await pullAll(ann.client)).pages.at(-1)!.to;
    await pullAll(bob.client);
    const sueTo = (await pullAll(sue.client)).pages.at(-1)!.to;

    bob.client.send({ type: 'push', mutations: [reply(1, 'c-bob', 'bob-1')] });
    await bob.client.expect('ack', ['presence', 'events']);
    ann.client.send({ type: 'push', mutations: [reply(1, 'c-ann', 'ann-1')] });

    // Ann's first live frame is her own reply, both events of its commit: nothing of Bob's came before it.
    const first = await ann.client.expect('events');
    expect(first.from).toBe(annTo);
    expect(first.events.map((e) => e.data.type)).toEqual(['conversation.upserted', 'message.created']);
    expect(first.to).toBe(first.events[1]?.seq);
    expect(conversationIds(first.events)).toEqual(['c-ann']);
    expect(first.events[1]?.data).toMatchObject({ message: { id: 'ann-1' } });

    // Sue supervises team A and sees both, in commit order, chained.
    const seen: EventsFrame[] = [];
    while (seen.flatMap((f) => f.events).length < 4) seen.push(await sue.client.expect('events'));
    expect(seen[0]?.from).toBe(sueTo);
    seen.forEach((frame, i) => i > 0 && expect(frame.from).toBe(seen[i - 1]?.to));
    expect(seen.flatMap((f) => f.events.map((e) => conversationIds([e])[0]))).toEqual(['c-bob', 'c-bob', 'c-ann', 'c-ann']);
  });

  it('answers bad frames with bad_frame and keeps the connection usable', async () => {
    const { client } = await signIn('ann@acme.test');
    for (const bad of ['{oops', '{"type":"dance"}', '{"type":"pull","cursor":-1}', '[]', '{"type":"hello","token":"x","clientId":"y"}']) {
      client.send(bad);
      expect(await client.expect('error')).toMatchObject({ code: 'bad_frame' });
    }
    client.sendBinary(Buffer.from([1, 2, 3]));
    expect(await client.expect('error')).toMatchObject({ code: 'bad_frame', message: expect.stringMatching(/binary/) });
    // A cursor ahead of the log (a relay restored from a backup) cannot be continued: resync.
    client.send({ type: 'pull', cursor: 999_999 });
    expect(await client.expect('reset')).toMatchObject({ floorSeq: 0, headSeq: expect.any(Number) });
    expect((await pullAll(client)).events.length).toBeGreaterThan(0);
  });

  it('drops a frame over the size limit without harming the relay', async () => {
    const { client } = await signIn('ann@acme.test');
    client.send('x'.repeat(3 * 1024 * 1024));
    expect((await client.closed).code).toBe(1009);
    const other = await signIn('bob@acme.test');
    expect((await pullAll(other.client)).events.length).toBeGreaterThan(0);
  });

  it('ends a session whose token expires while connected', async () => {
    const { client } = await signIn('ann@acme.test');
    clock += 60_000;
    client.send({ type: 'pull', cursor: 0 });
    expect(await client.expect('error')).toMatchObject({ code: 'unauthorized', message: 'This sign-in has expired; sign in again.' });
    expect((await client.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('closes the connections of a token when it signs out', async () => {
    const { client, token } = await signIn('ann@acme.test');
    const response = await fetch(`${relay.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(204);
    expect(await client.expect('error')).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  describe('what the server decides', () => {
    it('answers a snapshot with what the client may see now, page by page', async () => {
      const ann = await signIn('ann@acme.test');
      const sue = await signIn('sue@acme.test');
      const head = ann.welcome.headSeq;
      ann.client.send({ type: 'pull', cursor: head + 10 });
      expect(await ann.client.expect('reset', ['presence'])).toEqual({ type: 'reset', headSeq: head, floorSeq: 0 });

      const pages = async (client: SyncClient) => {
        const seen = [];
        let after: string | null = null;
        do {
          client.send({ type: 'snapshot', after, limit: 1 });
          const page = await client.expect('snapshot', ['presence']);
          seen.push(page);
          after = page.nextAfter;
        } while (after !== null);
        return seen;
      };
      const annPages = await pages(ann.client);
      expect(annPages.flatMap((p) => p.conversations.map((c) => c.id))).toEqual(['c-ann', 'c-queue']);
      expect(annPages.every((p) => p.total === 2 && p.asOfSeq === head)).toBe(true);
      expect(annPages[0]?.messages.map((m) => m.body)).toEqual(['For Ann', 'Ann here']);
      const suePages = await pages(sue.client);
      expect(suePages.flatMap((p) => p.conversations.map((c) => c.id))).toEqual(['c-ann', 'c-bob', 'c-queue']);
    });

    it('prunes the log it keeps, and sends a client older than that to a snapshot', async () => {
      const head = (await signIn('ann@acme.test')).welcome.headSeq;
      await relay.close();
      // A day and a half later, keeping one day of log: all but the newest event go.
      relay = await startRelay({ dbPath: temp.dbPath, now: () => clock + 36 * 3_600_000, tokenTtlMs: 3 * 86_400_000, logRetentionDays: 1 });
      const ann = await signIn('ann@acme.test');
      expect(ann.welcome.headSeq).toBe(head);
      ann.client.send({ type: 'pull', cursor: 0 });
      expect(await ann.client.expect('reset', ['presence'])).toEqual({ type: 'reset', headSeq: head, floorSeq: head - 1 });
      expect((await pullAll(ann.client, head - 1)).pages[0]?.to).toBe(head);
    });

    it('erases a customer for an administrator only, everywhere, leaving the reason for late replies', async () => {
      const ann = await signIn('ann@acme.test');
      const cid = await signIn('cid@acme.test');
      await pullAll(ann.client);
      await pullAll(cid.client);
      const erase = async (token: string | null, body: unknown) =>
        fetch(`${relay.url}/api/admin/erasures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
      expect((await erase(null, { customerId: 'yui' })).status).toBe(401);
      expect((await erase(ann.token, { customerId: 'yui' })).status).toBe(403);
      const root = await login(relay.url, 'root@acme.test');
      expect((await erase(root.token, { customer: 'yui' })).status).toBe(400);
      const done = await erase(root.token, { customerId: 'yui' });
      expect(await done.json()).toEqual({ customerId: 'yui', conversationIds: ['c-cid'], messages: 1 });

      // Ann never held it, and still hears of the erasure: any cache may hold an old copy.
      for (const client of [ann.client, cid.client]) {
        const frame = await client.expect('events', ['presence']);
        expect(frame.events.map((e) => e.data)).toEqual([{ type: 'conversation.erased', conversationId: 'c-cid' }]);
      }
      const fresh = await signIn('root@acme.test');
      const everything = (await pullAll(fresh.client)).events;
      expect(everything.filter((e) => JSON.stringify(e).includes('c-cid')).map((e) => e.data.type)).toEqual(['conversation.erased']);
      expect(JSON.stringify(everything)).not.toContain('For Cid');

      cid.client.send({ type: 'push', mutations: [reply(1, 'c-cid', 'late')] });
      expect((await cid.client.expect('ack', ['presence', 'events'])).rejections).toEqual([
        { mutationId: 1, code: 'not_found', reason: 'erased', message: expect.stringMatching(/erased/) },
      ]);
    });
  });
});
