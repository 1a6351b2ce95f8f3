import { describe, expect, it } from 'vitest';
import { ACME_WITH_HISTORY, conversationIds, useSeededRelay } from '../testing/sync-harness.js';
import { ACME } from '../testing/test-relay.js';

/** An agent's chosen presence as the tenant hears of it, and what becoming available hands out. */
describe('presence over /sync', () => {
  const clock = Date.now();
  const { signIn, pullAll } = useSeededRelay(ACME_WITH_HISTORY, clock);

  it('tells the tenant about presence: chosen while connected, offline without a connection', async () => {
    const sue = await signIn('sue@acme.test');
    const snapshot = (await sue.client.expect('presences', [])).agents;
    expect(snapshot).toHaveLength(ACME.agents.length);
    expect(Object.fromEntries(snapshot.map((p) => [p.agentId, p.presence]))).toEqual({
      ann: 'offline',
      bob: 'offline',
      cid: 'offline',
      root: 'offline',
      sue: 'away',
    });

    const ann = await signIn('ann@acme.test');
    expect(await sue.client.expect('presence', [])).toEqual({ type: 'presence', agentId: 'ann', presence: 'away', reason: null, until: null });
    ann.client.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: clock, body: { kind: 'presence.set', presence: 'available' } }] });
    expect(await sue.client.expect('presence', [])).toEqual({ type: 'presence', agentId: 'ann', presence: 'available', reason: null, until: null });
    ann.client.close();
    expect(await sue.client.expect('presence', [])).toEqual({ type: 'presence', agentId: 'ann', presence: 'offline', reason: null, until: null });
  });

  it('hands an agent who becomes available the queued conversation of their team', async () => {
    const ann = await signIn('ann@acme.test');
    await pullAll(ann.client);
    ann.client.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: clock, body: { kind: 'presence.set', presence: 'available' } }] });
    await ann.client.expect('ack');
    const taken = await ann.client.expect('events');
    expect(taken.events[0]?.data).toMatchObject({ type: 'conversation.upserted', conversation: { id: 'c-queue', assigneeId: 'ann' } });

    // Signing in already available does the same: here for Bob, with nothing left to take.
    const bob = await signIn('bob@acme.test');
    expect(conversationIds((await pullAll(bob.client)).events)).toEqual(['c-bob', 'c-queue']);
  });
});
