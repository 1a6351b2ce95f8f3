import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable, TEST_DATABASE_URL, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import { RelayFrame, SYNC_PATH } from '../../../src-shared/protocol/sync.js';
import { startRelay, type RunningRelay } from '../../server.js';
import { SocketClient } from '../../testing/socket-client.js';
import { ACME_WITH_HISTORY, untilAck, type SyncClient } from '../../testing/sync-harness.js';
import { login, seedDatabase, tempSqliteFile } from '../../testing/test-relay.js';
import { moveRelayToPostgres } from './move-relay-to-postgres.js';

/** A postgres:// URL whose sessions work in the test's schema, as an operator's URL would name a database. */
function urlOf(schema: TestSchema): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema.name}`);
  return url.toString();
}

async function desk(relay: RunningRelay, token: string): Promise<{ client: SyncClient; welcome: Extract<RelayFrame, { type: 'welcome' }> }> {
  const client = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
  client.send({ type: 'hello', token, clientId: 'ann-desk' });
  return { client, welcome: await client.expect('welcome', []) };
}

/** Pulls every page from `cursor` (a `reset` fails); the new cursor and the seqs received. */
async function pullFrom(client: SyncClient, cursor: number): Promise<{ to: number; seqs: number[] }> {
  const seqs: number[] = [];
  for (;;) {
    client.send({ type: 'pull', cursor });
    const page = await pageFrom(client, cursor);
    seqs.push(...page.events.map((event) => event.seq));
    cursor = page.to;
    if (!page.hasMore) return { to: cursor, seqs };
  }
}

/** The next events frame that starts at `cursor`: as a desk does, one that starts elsewhere is not applied. */
async function pageFrom(client: SyncClient, cursor: number): Promise<Extract<RelayFrame, { type: 'events' }>> {
  for (;;) {
    const frame = await client.next();
    if (frame.type === 'presence' || frame.type === 'presences') continue;
    if (frame.type !== 'events') throw new Error(`expected events from ${cursor}, got ${JSON.stringify(frame)}`);
    if (frame.from === cursor) return frame;
  }
}

const reply = (mutationId: number, messageId: string) => ({
  mutationId,
  createdAt: Date.now(),
  body: { kind: 'reply.send', conversationId: 'c-ann', messageId, body: `reply ${messageId}` },
});

describe.skipIf(!(await postgresAvailable()))('a relay started on the PostgreSQL copy', () => {
  let file: { dbPath: string; remove(): void };
  let schema: TestSchema;
  const running: RunningRelay[] = [];
  const sockets: SyncClient[] = [];

  beforeEach(async () => {
    file = tempSqliteFile();
    await seedDatabase(file.dbPath, ACME_WITH_HISTORY);
    schema = await createTestSchema();
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const relay of running.splice(0)) await relay.close();
    file.remove();
    await schema.drop();
  });

  async function started(location: string): Promise<RunningRelay> {
    const relay = await startRelay({ dbPath: location, tokenTtlMs: 60_000 });
    running.push(relay);
    return relay;
  }

  it('serves a desk that synced from the SQLite relay from its cursor, without a reset, and commits from head + 1', async () => {
    const onSqlite = await started(file.dbPath);
    const { token } = await login(onSqlite.url, 'ann@acme.test');
    const before = await desk(onSqlite, token);
    sockets.push(before.client);
    await pullFrom(before.client, 0);
    await untilAckOf(before.client, reply(1, 'm-before'));
    const { to: cursor, seqs: sinceWelcome } = await pullFrom(before.client, before.welcome.headSeq);
    before.client.close();
    await onSqlite.close();
    running.splice(0);

    const report: string[] = [];
    expect(await moveRelayToPostgres(file.dbPath, urlOf(schema), (line) => void report.push(line))).toBe(true);
    expect(report.join('\n')).toContain('Verified');

    const onPostgres = await started(urlOf(schema));
    // The same sign-in (tokens are copied), the same client: its mutation ids and the head came along.
    const after = await desk(onPostgres, token);
    sockets.push(after.client);
    expect(after.welcome.lastMutationId).toBe(1);
    expect(after.welcome.headSeq).toBe(cursor);
    // A cursor from before the last push gets the same events from the copy as it got from SQLite; the last one, nothing new.
    expect(sinceWelcome.length).toBeGreaterThan(0);
    expect(await pullFrom(after.client, before.welcome.headSeq)).toEqual({ to: cursor, seqs: sinceWelcome });
    expect(await pullFrom(after.client, cursor)).toEqual({ to: cursor, seqs: [] });

    // A resent push is recognised by its mutation id; a new one takes the next seq.
    const resent = await untilAckOf(after.client, reply(1, 'm-before'));
    expect(resent.events).toEqual([]);
    const next = await untilAckOf(after.client, reply(2, 'm-after'));
    expect(next.ack.rejections).toEqual([]);
    expect(next.events.map((event) => event.seq)[0]).toBe(cursor + 1);
  });
});

function untilAckOf(client: SyncClient, mutation: unknown): ReturnType<typeof untilAck> {
  client.send({ type: 'push', mutations: [mutation] });
  return untilAck(client);
}
