import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { seedTenant, type TenantSeed } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient } from '../testing/socket-client.js';
import { ACME, TEST_PASSWORD_COST, login, tempDatabase, testCore, type TempDatabase } from '../testing/test-relay.js';
import { pruneLogs } from './retention.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Acme's history over three days: a conversation three days old, one whose last message is
 * exactly one day old, and two from the last hour. Everyone away, so signing in changes nothing.
 */
const SEED: TenantSeed = {
  ...ACME,
  agents: ACME.agents.map((agent) => ({ ...agent, presence: 'away' as const })),
  customers: [{ id: 'kim', name: 'Kim', language: 'en-GB' }],
  conversations: [
    { id: 'c-old', customer: 'kim', channel: 'email', team: 'team-a', assignee: 'ann', status: 'open', messages: [{ minutesAgo: 3 * 1440, author: 'customer', body: 'Three days ago' }] },
    {
      id: 'c-day',
      customer: 'kim',
      channel: 'sms',
      team: 'team-a',
      assignee: 'ann',
      status: 'open',
      messages: [
        { minutesAgo: 1441, author: 'customer', body: 'A day and a minute ago' },
        { minutesAgo: 1440, author: 'customer', body: 'A day ago to the millisecond' },
      ],
    },
    { id: 'c-new', customer: 'kim', channel: 'sms', team: 'team-a', assignee: 'ann', status: 'open', messages: [{ minutesAgo: 60, author: 'customer', body: 'An hour ago' }] },
    { id: 'c-bob', customer: 'kim', channel: 'sms', team: 'team-a', assignee: 'bob', status: 'open', messages: [{ minutesAgo: 10, author: 'customer', body: 'Ten minutes ago' }] },
  ],
};

/** A second tenant whose whole log is recent. */
const GLOBEX: TenantSeed = {
  tenant: { id: 'globex', name: 'Globex' },
  password: 'globex password',
  teams: [{ id: 'globex-team', name: 'Support', languages: ['en'] }],
  agents: [{ id: 'gus', email: 'gus@globex.test', name: 'Gus', role: 'agent', language: 'en', teams: ['globex-team'], presence: 'away' }],
  customers: [{ id: 'gina', name: 'Gina', language: 'en-US' }],
  conversations: [{ id: 'g-1', customer: 'gina', channel: 'email', team: 'globex-team', assignee: 'gus', status: 'open', messages: [{ minutesAgo: 5, author: 'customer', body: 'Hi' }] }],
};

describe('log retention', () => {
  let temp: TempDatabase;
  let clock: number;
  let core: RelayCore | null;

  beforeEach(async () => {
    temp = await tempDatabase();
    clock = Date.now();
    core = testCore(temp.dbPath, () => clock);
    await seedTenant(core, SEED, TEST_PASSWORD_COST);
    await seedTenant(core, GLOBEX, TEST_PASSWORD_COST);
  });

  afterEach(async () => {
    await core?.store.close();
    await temp.remove();
  });

  const events = () => core!.store.events;
  const everything = async (tenantId = 'acme') => events().range(tenantId, 0, await events().headSeq(tenantId));

  describe('pruning', () => {
    it('forgets the events older than the retention period and no others, keeping the head', async () => {
      const before = await everything();
      const head = await events().headSeq('acme');
      const cutoff = clock - DAY;
      expect(before.some((e) => e.at < cutoff)).toBe(true);

      await pruneLogs(core!, 1);

      const old = before.filter((e) => e.at < cutoff);
      expect(await everything()).toEqual(before.filter((e) => e.at >= cutoff));
      // The message logged exactly at the cutoff is not older than it.
      expect((await everything()).map((e) => e.data)).toContainEqual(expect.objectContaining({ message: expect.objectContaining({ body: 'A day ago to the millisecond' }) }));
      expect(await events().floorSeq('acme')).toBe(Math.max(...old.map((e) => e.seq)));
      expect(await events().headSeq('acme')).toBe(head);
      // Conversations and messages stay; only the log is shortened.
      expect((await core!.store.conversations.listMessages('c-old', 10)).map((m) => m.message.body)).toEqual(['Three days ago']);
    });

    it('prunes each tenant by its own log', async () => {
      const globex = await everything('globex');
      await pruneLogs(core!, 1);
      expect(await events().floorSeq('acme')).toBeGreaterThan(0);
      expect(await events().floorSeq('globex')).toBe(0);
      expect(await everything('globex')).toEqual(globex);
    });

    it('always keeps the newest event, so a quiet log keeps its numbering', async () => {
      const head = await events().headSeq('acme');
      const newest = (await everything()).at(-1);
      clock += 90 * DAY;
      await pruneLogs(core!, 1);
      expect(await everything()).toEqual([newest]);
      expect(await events().floorSeq('acme')).toBe(head - 1);
      expect(await events().headSeq('acme')).toBe(head);

      // The next event follows the head, not the floor.
      const next = await core!.commit('acme', async (changes) => {
        const conversation = await changes.store.conversations.findConversation('acme', 'c-new');
        if (!conversation) throw new Error('c-new is gone');
        await changes.changeConversation(conversation, { ...conversation, status: 'pending', updatedAt: changes.at });
        return changes.at;
      });
      expect((await everything()).map((e) => [e.seq, e.at])).toEqual([
        [head, newest?.at],
        [head + 1, next],
      ]);
    });

    it('never lowers the floor, and does nothing when nothing is old enough', async () => {
      await pruneLogs(core!, 30);
      expect(await events().floorSeq('acme')).toBe(0);
      await pruneLogs(core!, 1);
      const floor = await events().floorSeq('acme');
      await core!.store.transaction((tx) => tx.events.prune('acme', clock - 10 * DAY));
      expect(await events().floorSeq('acme')).toBe(floor);
      await pruneLogs(core!, 1);
      expect(await events().floorSeq('acme')).toBe(floor);
    });
  });

  describe('over the wire', () => {
    let relay: RunningRelay | null = null;
    const sockets: { close(): void }[] = [];

    afterEach(async () => {
      for (const socket of sockets.splice(0)) socket.close();
      await relay?.close();
      relay = null;
    });

    /** The store goes over to a relay on the same file, with the same clock. */
    async function startOnPrunedLog(logRetentionDays?: number): Promise<RunningRelay> {
      await core!.store.close();
      core = null;
      relay = await startRelay({ dbPath: temp.dbPath, now: () => clock, tokenTtlMs: 60_000, logRetentionDays });
      return relay;
    }

    async function signIn(email: string) {
      const { token } = await login(relay!.url, email);
      const client = await SocketClient.open(relay!.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
      sockets.push(client);
      client.send({ type: 'hello', token, clientId: `${email}-desk` });
      return { client, welcome: await client.expect('welcome', []) };
    }

    it('sends a client below the floor to a snapshot, and one at or above it on with the events', async () => {
      await pruneLogs(core!, 1);
      const floor = await events().floorSeq('acme');
      const head = await events().headSeq('acme');
      const kept = (await everything()).filter((e) => e.conversationId !== 'c-bob');
      await startOnPrunedLog();
      const { client, welcome } = await signIn('ann@acme.test');
      expect(welcome.headSeq).toBe(head);

      for (const cursor of [0, floor - 1]) {
        client.send({ type: 'pull', cursor });
        expect(await client.expect('reset')).toEqual({ type: 'reset', headSeq: head, floorSeq: floor });
      }
      client.send({ type: 'pull', cursor: floor + 1 });
      const above = await client.expect('events');
      expect(above).toMatchObject({ from: floor + 1, to: head, hasMore: false });
      expect(above.events.map((e) => e.seq)).toEqual(kept.filter((e) => e.seq > floor + 1).map((e) => e.seq));

      client.send({ type: 'pull', cursor: floor });
      const at = await client.expect('events');
      expect(at).toMatchObject({ from: floor, to: head, hasMore: false });
      expect(at.events.map((e) => e.seq)).toEqual(kept.map((e) => e.seq));
      expect(at.events.map((e) => e.data)).toContainEqual(expect.objectContaining({ message: expect.objectContaining({ body: 'An hour ago' }) }));

      // Live from there: Ann's own reply follows on.
      client.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: clock, body: { kind: 'reply.send', conversationId: 'c-old', messageId: 'after-prune', body: 'Still here' } }] });
      const reply = await client.expect('events');
      expect(reply).toMatchObject({ from: head, to: head + 2 });
    });

    it('prunes on start by its own retention setting', async () => {
      const cutoff = clock - 2 * DAY;
      const lastOld = Math.max(...(await everything()).filter((e) => e.at < cutoff).map((e) => e.seq));
      await startOnPrunedLog(2);
      const { client, welcome } = await signIn('ann@acme.test');
      client.send({ type: 'pull', cursor: 0 });
      expect(await client.expect('reset')).toEqual({ type: 'reset', headSeq: welcome.headSeq, floorSeq: lastOld });
      client.send({ type: 'pull', cursor: lastOld });
      const page = await client.expect('events');
      expect(page.events.every((e) => e.at >= cutoff)).toBe(true);
      expect(page.events.map((e) => e.data)).toContainEqual(expect.objectContaining({ message: expect.objectContaining({ body: 'A day and a minute ago' }) }));
    });
  });
});
