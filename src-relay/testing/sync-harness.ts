import { afterEach, beforeEach } from 'vitest';
import type { z } from 'zod';
import { RelayFrame, SYNC_PATH, type SyncEvent } from '../../src-shared/protocol/sync.js';
import type { TenantSeed } from '../demo/seed.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient } from './socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from './test-relay.js';

export type SyncClient = SocketClient<RelayFrame>;
export type Ack = Extract<RelayFrame, { type: 'ack' }>;

/** ACME with two customers, Kim and Yui, and everyone away, so signing in hands out nothing. */
export const ACME_AWAY: TenantSeed = {
  ...ACME,
  agents: ACME.agents.map((agent) => ({ ...agent, presence: 'away' as const })),
  customers: [
    { id: 'kim', name: 'Kim', language: 'en-GB' },
    { id: 'yui', name: 'Yui', language: 'ja-JP' },
  ],
  conversations: [],
};

/**
 * ACME with history: one conversation each for ann, bob and cid, and one waiting in team A's
 * queue. Everyone starts away, so signing in does not hand out the queue.
 */
export const ACME_WITH_HISTORY: TenantSeed = {
  ...ACME_AWAY,
  conversations: [
    { id: 'c-ann', customer: 'kim', channel: 'email', team: 'team-a', assignee: 'ann', status: 'open', messages: [{ minutesAgo: 50, author: 'customer', body: 'For Ann' }, { minutesAgo: 49, author: 'agent', body: 'Ann here' }] },
    { id: 'c-bob', customer: 'kim', channel: 'whatsapp', team: 'team-a', assignee: 'bob', status: 'pending', messages: [{ minutesAgo: 40, author: 'customer', body: 'For Bob' }] },
    { id: 'c-queue', customer: 'kim', channel: 'sms', team: 'team-a', assignee: null, status: 'open', messages: [{ minutesAgo: 30, author: 'customer', body: 'Anyone?' }] },
    { id: 'c-cid', customer: 'yui', channel: 'line', team: 'team-b', assignee: 'cid', status: 'resolved', messages: [{ minutesAgo: 20, author: 'customer', body: 'For Cid' }] },
  ],
};

function conversationIdOf({ data }: SyncEvent): string[] {
  switch (data.type) {
    case 'conversation.upserted':
      return [data.conversation.id];
    case 'message.created':
      return [data.message.conversationId];
    case 'conversation.erased':
      return [data.conversationId];
    case 'note.mentioned':
      return [data.message.conversationId];
    case 'message.delivery':
      return [data.conversationId];
    case 'article.saved':
    case 'customer.updated':
    case 'customer.merged':
    case 'customer.unmerged':
      return [];
  }
}

/** The conversations these events are about, each once, in order of first mention. */
export const conversationIds = (events: readonly SyncEvent[]): string[] => [...new Set(events.flatMap(conversationIdOf))];

/** The frames up to the next ack: the ack, and the events that came before it. */
export async function untilAck(client: SyncClient): Promise<{ ack: Ack; events: SyncEvent[] }> {
  const events: SyncEvent[] = [];
  for (;;) {
    const frame = await client.next();
    if (frame.type === 'ack') return { ack: frame, events };
    if (frame.type === 'events') events.push(...frame.events);
    else if (frame.type !== 'presence') throw new Error(`expected events or an ack, got ${JSON.stringify(frame)}`);
  }
}

/** The next events frame, skipping presence. */
export async function untilEvents(client: SyncClient): Promise<{ events: SyncEvent[] }> {
  for (;;) {
    const frame = await client.next();
    if (frame.type === 'events') return { events: frame.events };
  }
}

/** Pushes `mutations` and waits for their ack. */
export async function pushSettled(client: SyncClient, ...mutations: unknown[]): Promise<{ ack: Ack; events: SyncEvent[] }> {
  client.send({ type: 'push', mutations });
  return untilAck(client);
}

/**
 * A relay on a fresh database seeded with `seed` for each test (registered as hooks of the
 * calling describe), and sync clients signed in over the real socket, closed after each test.
 */
export function useSeededRelay(seed: TenantSeed, now: number) {
  let temp: TempDatabase;
  let relay: RunningRelay;
  const sockets: { close(): void }[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, seed);
    relay = await startRelay({ dbPath: temp.dbPath, now: () => now, tokenTtlMs: 60_000 });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
  });

  const wsUrl = (path: string): string => relay.url.replace(/^http/, 'ws') + path;

  /** Opens a socket that is closed after the test. */
  async function open<Frame extends { type: string }>(path: string, schema: z.ZodType<Frame>): Promise<SocketClient<Frame>> {
    const client = await SocketClient.open<Frame>(wsUrl(path), schema);
    sockets.push(client);
    return client;
  }

  async function signIn(email: string, clientId = `${email}-desk`) {
    const { token } = await login(relay.url, email);
    const client: SyncClient = await open(SYNC_PATH, RelayFrame);
    client.send({ type: 'hello', token, clientId });
    const welcome = await client.expect('welcome', []);
    return { client, token, welcome };
  }

  /** Every page from `cursor`; the connection is live afterwards. */
  async function pullAll(client: SyncClient, cursor = 0): Promise<{ events: SyncEvent[]; to: number }> {
    const events: SyncEvent[] = [];
    for (;;) {
      client.send({ type: 'pull', cursor });
      const page = await client.expect('events');
      if (page.from !== cursor) throw new Error(`a page from ${cursor} started at ${page.from}`);
      events.push(...page.events);
      cursor = page.to;
      if (!page.hasMore) return { events, to: cursor };
    }
  }

  /** Signed in and live: pulled to the head. */
  async function signInLive(email: string): Promise<SyncClient> {
    const { client } = await signIn(email);
    await pullAll(client);
    return client;
  }

  return { relayUrl: () => relay.url, open, signIn, signInLive, pullAll };
}
