import { afterEach, describe, expect, it } from 'vitest';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { startRelay, type RunningRelay } from '../server.js';
import type { Leases } from '../storage/port/leases.js';
import { SocketClient } from '../testing/socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

const MINUTE = 60_000;

/** Busy, away with a reason, and after-call work that ends by itself, through the real relay. */
describe('agent states', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let now = Date.UTC(2026, 10, 24, 10);
  const sockets: { close(): void }[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
  });

  async function desk(email: string): Promise<SocketClient<RelayFrame>> {
    const { token } = await login(relay.url, email);
    const client = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    sockets.push(client);
    client.send({ type: 'hello', token, clientId: `${email}-desk` });
    await client.expect('welcome', []);
    return client;
  }

  /** The next presence about this agent (alone, or in the sign-in's list), skipping everything else. */
  async function presenceOf(client: SocketClient<RelayFrame>, agentId: string) {
    for (;;) {
      const frame = await client.next();
      if (frame.type === 'presence' && frame.agentId === agentId) return frame;
      const listed = frame.type === 'presences' ? frame.agents.find((agent) => agent.agentId === agentId) : undefined;
      if (listed) return { type: 'presence' as const, ...listed };
    }
  }

  it('tells everyone why an agent is away, and ends after-call work by itself', async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    relay = await startRelay({ dbPath: temp.dbPath, now: () => now, stateCheckIntervalMs: 20 });
    const ann = await desk('ann@acme.test');
    await presenceOf(ann, 'ann');
    const sue = await desk('sue@acme.test');
    await presenceOf(sue, 'sue');

    ann.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: now, body: { kind: 'presence.set', presence: 'away', reason: 'lunch' } }] });
    expect(await presenceOf(sue, 'ann')).toMatchObject({ presence: 'away', reason: 'lunch', until: null });

    ann.send({ type: 'push', mutations: [{ mutationId: 2, createdAt: now, body: { kind: 'presence.set', presence: 'after-call-work' } }] });
    expect(await presenceOf(sue, 'ann')).toMatchObject({ presence: 'after-call-work', reason: null, until: now + 2 * MINUTE });

    now += 2 * MINUTE;
    expect(await presenceOf(sue, 'ann')).toMatchObject({ presence: 'available', until: null });
    // Ann's own desk hears of each change too, the last being available again.
    let own = await presenceOf(ann, 'ann');
    while (own.presence !== 'available') own = await presenceOf(ann, 'ann');
    expect(own.until).toBeNull();
  });

  it("leaves after-call work alone on a node without the tenant's lease, and ends it once the node holds it", async () => {
    // Awaited: on the PostgreSQL adapter's branch a test database is made asynchronously.
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    let holds = false;
    const tried: string[] = [];
    const leases: Leases = {
      acquire: async (purpose, tenantId) => {
        tried.push(`${purpose}/${tenantId}`);
        return holds || purpose !== 'timed agent states';
      },
      release: async () => undefined,
      held: () => holds,
      close: async () => undefined,
    };
    relay = await startRelay({ dbPath: temp.dbPath, now: () => now, stateCheckIntervalMs: 20, leases });
    const ann = await desk('ann@acme.test');
    await presenceOf(ann, 'ann');
    const sue = await desk('sue@acme.test');
    await presenceOf(sue, 'sue');
    ann.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: now, body: { kind: 'presence.set', presence: 'after-call-work' } }] });
    expect(await presenceOf(sue, 'ann')).toMatchObject({ presence: 'after-call-work' });

    now += 2 * MINUTE;
    const triedBefore = tried.length;
    // Ten checks' time: each asks for the lease, and none may end the state.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sue.pending().filter((frame) => frame.type === 'presence' && frame.agentId === 'ann')).toEqual([]);
    expect(tried.slice(triedBefore).filter((t) => t === 'timed agent states/acme').length).toBeGreaterThanOrEqual(3);

    holds = true;
    expect(await presenceOf(sue, 'ann')).toMatchObject({ presence: 'available', until: null });
  });
});
