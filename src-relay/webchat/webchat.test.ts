import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient, WEBCHAT_QUIET } from '../testing/socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

type Customer = SocketClient<WebchatServerFrame>;
type Agent = SocketClient<RelayFrame>;

describe('web chat over /webchat', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  const sockets: { close(): void }[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    // The clock stands still, so the send budget below never refills mid-test.
    const startedAt = Date.now();
    relay = await startRelay({ dbPath: temp.dbPath, now: () => startedAt });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
  });

  const wsUrl = (path: string) => relay.url.replace(/^http/, 'ws') + path;

  async function customer(): Promise<Customer> {
    const client = await SocketClient.open(wsUrl(WEBCHAT_PATH), WebchatServerFrame);
    sockets.push(client);
    return client;
  }

  async function startChat(name: string, language: string, visitorToken?: string) {
    const client = await customer();
    client.send({ type: 'hello', tenant: 'acme', name, language, visitorToken });
    const ready = await client.expect('ready', []);
    return { client, ready };
  }

  /** A signed-in, live agent. */
  async function agent(email: string): Promise<Agent> {
    const session = await login(relay.url, email);
    const client = await SocketClient.open(wsUrl(SYNC_PATH), RelayFrame);
    sockets.push(client);
    client.send({ type: 'hello', token: session.token, clientId: `${email}-desk` });
    await client.expect('welcome', []);
    client.send({ type: 'pull', cursor: 0 });
    while ((await client.expect('events')).hasMore) client.send({ type: 'pull', cursor: 0 });
    return client;
  }

  async function conversationEvent(client: Agent) {
    const frame = await client.expect('events');
    const data = frame.events[0]?.data;
    if (data?.type !== 'conversation.upserted') throw new Error(`expected a conversation, got ${JSON.stringify(data)}`);
    return data.conversation;
  }

  it('starts a conversation routed to the team and agent for the customer’s language', async () => {
    const ann = await agent('ann@acme.test');
    const cid = await agent('cid@acme.test');
    const { ready } = await startChat('Yui', 'ja-JP');
    expect(ready.messages).toEqual([]);
    expect(ready.visitorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const conversation = await conversationEvent(cid);
    expect(conversation).toMatchObject({
      id: ready.conversationId,
      customerName: 'Yui',
      channel: 'webchat',
      teamId: 'team-b',
      assigneeId: 'cid',
      status: 'open',
      language: 'ja-JP',
      market: 'JP',
    });
    // Ann (team A) hears nothing of it: her next frame is about her own customer.
    await startChat('Kim', 'en');
    expect((await conversationEvent(ann)).customerName).toBe('Kim');
  });

  it('sends each customer to the agent of the team who writes their language', async () => {
    const ann = await agent('ann@acme.test');
    const bob = await agent('bob@acme.test');
    await startChat('First', 'en-US');
    const first = await conversationEvent(ann);
    await startChat('Second', 'de-AT');
    const second = await conversationEvent(bob);
    expect([first.assigneeId, second.assigneeId]).toEqual(['ann', 'bob']);
  });

  it('promises a reply in the customer’s language only when their agent writes it or translates it both ways on the desk', async () => {
    const { client: somchai } = await startChat('Somchai', 'th-TH');
    // Nobody at work writes Thai or could translate it.
    expect(await somchai.expect('language', ['queue'])).toEqual({ type: 'language', yours: false });
    const ann = await agent('ann@acme.test');
    // Ann writes English; a model from Thai alone lets her read him, not answer him.
    ann.send({ type: 'translation-routes', routes: [{ source: 'th', target: 'en' }] });
    ann.send({ type: 'pull', cursor: 0 });
    await ann.expect('events');
    expect(somchai.pending().filter((frame) => frame.type === 'language')).toEqual([]);
    ann.send({ type: 'translation-routes', routes: [{ source: 'th', target: 'en' }, { source: 'en', target: 'th' }] });
    // Her desk can now answer in Thai: the queue gives her Somchai, and the page may say so.
    expect(await somchai.expect('language', ['queue'])).toEqual({ type: 'language', yours: true });
    const { client: kim } = await startChat('Kim', 'en-GB');
    expect(await kim.expect('language', ['queue'])).toEqual({ type: 'language', yours: true });
  });

  it('stores a message once per clientMessageId and echoes it to the customer', async () => {
    const ann = await agent('ann@acme.test');
    const { client } = await startChat('Kim', 'en-GB');
    await conversationEvent(ann);
    client.send({ type: 'send', clientMessageId: 'client-msg-1', body: 'Where is my <b>parcel</b>?' });
    const echoed = await client.expect('message', WEBCHAT_QUIET);
    expect(echoed.message).toMatchObject({ author: 'customer', authorName: 'Kim', body: 'Where is my <b>parcel</b>?', clientMessageId: 'client-msg-1' });

    client.send({ type: 'send', clientMessageId: 'client-msg-1', body: 'Where is my <b>parcel</b>?' });
    expect((await client.expect('message', WEBCHAT_QUIET)).message.id).toBe(echoed.message.id);

    // One commit, one frame: the conversation's new preview, then the message.
    const frame = await ann.expect('events');
    const [upsert, created] = frame.events.map((e) => e.data);
    if (upsert?.type !== 'conversation.upserted') throw new Error(`expected a conversation first, got ${JSON.stringify(upsert)}`);
    expect(upsert.conversation.lastMessagePreview).toBe('Where is my <b>parcel</b>?');
    expect(created).toMatchObject({ type: 'message.created', message: { id: echoed.message.id, authorId: upsert.conversation.customerId } });
    // The repeat logged nothing: Ann's next frame is the next real message.
    client.send({ type: 'send', clientMessageId: 'client-msg-2', body: 'Hello?' });
    const next = await ann.expect('events');
    expect(next.from).toBe(frame.to);
    expect(next.events.map((e) => e.data.type)).toEqual(['conversation.upserted', 'message.created']);
    expect(next.events[1]?.data).toMatchObject({ message: { body: 'Hello?' } });
  });

  it('delivers an agent’s reply live to every open page of the customer, without agent ids', async () => {
    const ann = await agent('ann@acme.test');
    const { client, ready } = await startChat('Kim', 'en');
    const second = await startChat('Kim', 'en', ready.visitorToken);
    expect(second.ready.conversationId).toBe(ready.conversationId);
    await conversationEvent(ann);
    ann.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: Date.now(), body: { kind: 'reply.send', conversationId: ready.conversationId, messageId: 'ann-reply-1', body: 'On its way!' } }] });
    for (const page of [client, second.client]) {
      const frame = await page.expect('message', WEBCHAT_QUIET);
      expect(frame.message).toEqual({ id: 'ann-reply-1', author: 'agent', authorName: 'Ann', body: 'On its way!', createdAt: expect.any(Number), clientMessageId: null });
      expect(JSON.stringify(frame)).not.toContain('"ann"');
    }
  });

  it('brings a returning visitor back to the same conversation with its thread', async () => {
    const first = await startChat('Kim', 'en');
    first.client.send({ type: 'send', clientMessageId: 'cm-00001', body: 'one' });
    await first.client.expect('message', WEBCHAT_QUIET);
    first.client.close();
    const back = await startChat('Someone else', 'fr', first.ready.visitorToken);
    expect(back.ready.conversationId).toBe(first.ready.conversationId);
    expect(back.ready.visitorToken).toBe(first.ready.visitorToken);
    expect(back.ready.messages.map((m) => [m.body, m.authorName, m.clientMessageId])).toEqual([['one', 'Kim', 'cm-00001']]);

    const stranger = await startChat('Eve', 'en', 'guessed-token');
    expect(stranger.ready.conversationId).not.toBe(first.ready.conversationId);
  });

  it('reopens a resolved conversation when the customer writes again, routing it anew if its agent left', async () => {
    const ann = await agent('ann@acme.test');
    const { client, ready } = await startChat('Kim', 'en');
    expect((await conversationEvent(ann)).assigneeId).toBe('ann');
    ann.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: Date.now(), body: { kind: 'conversation.setStatus', conversationId: ready.conversationId, status: 'resolved' } }] });
    expect((await conversationEvent(ann)).status).toBe('resolved');
    ann.close();

    const bob = await agent('bob@acme.test');
    // Bob writes German; his desk translates English both ways (handled before the pull is answered).
    bob.send({ type: 'translation-routes', routes: [{ among: ['de', 'en'] }] });
    bob.send({ type: 'pull', cursor: 0 });
    await bob.expect('events');
    client.send({ type: 'send', clientMessageId: 'cm-again-1', body: 'Me again' });
    await client.expect('message', WEBCHAT_QUIET);
    const reopened = await conversationEvent(bob);
    expect(reopened).toMatchObject({ id: ready.conversationId, status: 'open', assigneeId: 'bob' });
  });

  it('answers bad frames with an error and keeps the socket', async () => {
    const client = await customer();
    client.send({ type: 'send', clientMessageId: 'cm-early-1', body: 'before hello' });
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toMatch(/name first/);
    client.send('not json');
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toMatch(/could not be read/);
    client.send({ type: 'hello', tenant: 'acme', name: '   ', language: 'en' });
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toBe('please give your name');
    client.send({ type: 'hello', tenant: 'nobody', name: 'Kim', language: 'en' });
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toMatch(/not available/);
    client.sendBinary(Buffer.alloc(10));
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toMatch(/could not be read/);
    client.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en' });
    await client.expect('ready', []);
    client.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en' });
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toMatch(/already started/);
    client.send({ type: 'send', clientMessageId: 'cm-empty-1', body: ' ' });
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toBe('a message cannot be empty');
  });

  it('slows down a page that sends faster than a person types, storing nothing of the excess', async () => {
    const { client, ready } = await startChat('Bot', 'en');
    for (let i = 0; i < 21; i++) client.send({ type: 'send', clientMessageId: `flood-${String(i).padStart(4, '0')}`, body: `spam ${i}` });
    for (let i = 0; i < 20; i++) await client.expect('message', WEBCHAT_QUIET);
    expect((await client.expect('error', WEBCHAT_QUIET)).message).toMatch(/very fast/);
    const back = await startChat('Bot', 'en', ready.visitorToken);
    expect(back.ready.messages.map((m) => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `spam ${i}`));
  });

  it('uses the only tenant when the page names none', async () => {
    const client = await customer();
    client.send({ type: 'hello', name: 'Kim', language: 'en' });
    expect((await client.expect('ready', [])).conversationId).toBeTruthy();
  });
});
