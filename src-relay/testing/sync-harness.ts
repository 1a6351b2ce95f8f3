import { afterEach, beforeEach } from 'vitest';
import type { z } from 'zod';
import { RelayFrame, SYNC_PATH, type SyncEvent } from '../../src-shared/protocol/sync.js';
import type { TenantSeed } from '../demo/seed.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient } from './socket-client.js';
import { login, seedDatabase, tempDatabase, type TempDatabase } from './test-relay.js';

export type SyncClient = SocketClient<RelayFrame>;

/**
 * A relay on a fresh database seeded with `seed` for each test (registered as hooks of the
 * calling describe), and sync clients signed in over the real socket, closed after each test.
 */
export function useSeededRelay(seed: TenantSeed, now: number) {
  let temp: TempDatabase;
  let relay: RunningRelay;
  const sockets: { close(): void }[] = [];

  beforeEach(async () => {
    temp = tempDatabase();
    await seedDatabase(temp.dbPath, seed);
    relay = await startRelay({ dbPath: temp.dbPath, now: () => now, tokenTtlMs: 60_000 });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    temp.remove();
  });

  const wsUrl = (path: string): string => relay.url.replace(/^http/, 'ws') + path;

  /** Opens a socket that is closed after the test. */
  async function open<Frame extends { type: string }>(path: string, schema: z.ZodType<Frame>): Promise<SocketClient<Frame>> {
    const client = await SocketClient.open<Frame>(wsUrl(path), schema);
    sockets.push(client);
    return client;
  }

  async function signIn(email: string) {
    const { token } = await login(relay.url, email);
    const client: SyncClient = await open(SYNC_PATH, RelayFrame);
    client.send({ type: 'hello', token, clientId: `${email}-desk` });
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

  return { relayUrl: () => relay.url, open, signIn, pullAll };
}
