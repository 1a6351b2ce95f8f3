import { describe, expect, it } from 'vitest';
import { ACME_WITH_HISTORY, conversationIds, useSeededRelay } from '../testing/sync-harness.js';

/** The conversation rules as agents meet them over /sync: who may write, who takes a conversation, what status it keeps. */
describe('conversation rules over /sync', () => {
  const clock = Date.now();
  const { signIn, pullAll } = useSeededRelay(ACME_WITH_HISTORY, clock);

  const reply = (mutationId: number, conversationId: string, messageId: string, body = `reply ${messageId}`) => ({
    mutationId,
    createdAt: clock,
    body: { kind: 'reply.send', conversationId, messageId, body },
  });
  const claim = (mutationId: number, conversationId: string) => ({ mutationId, createdAt: clock, body: { kind: 'conversation.claim', conversationId } });

  it('gives an agent nothing beyond their scope, to read or to write', async () => {
    const sue = await signIn('sue@acme.test');
    const before = (await pullAll(sue.client)).events;
    const cid = await signIn('cid@acme.test');
    expect(conversationIds((await pullAll(cid.client)).events)).toEqual(['c-cid']);

    cid.client.send({
      type: 'push',
      mutations: [
        reply(1, 'c-ann', 'x1', 'not my team'),
        reply(2, 'c-queue', 'x2', 'not my queue'),
        { mutationId: 3, createdAt: clock, body: { kind: 'conversation.setStatus', conversationId: 'c-bob', status: 'resolved' } },
      ],
    });
    const ack = await cid.client.expect('ack', ['presence', 'events']);
    // Answered as conversations that do not exist: nothing tells which ids other teams have.
    expect(ack.rejections.map((r) => [r.mutationId, r.code, r.message])).toEqual([
      [1, 'not_found', 'There is no such conversation.'],
      [2, 'not_found', 'There is no such conversation.'],
      [3, 'not_found', 'There is no such conversation.'],
    ]);

    // The team's supervisor sees the log exactly as it was: nothing was written.
    const after = (await pullAll((await signIn('sue@acme.test', 'sue-second-machine')).client)).events;
    expect(after).toEqual(before);
  });

  it('gives a queued conversation to the agent who replies, and tells the rest of the team it left the queue', async () => {
    const ann = await signIn('ann@acme.test');
    const bob = await signIn('bob@acme.test');
    await pullAll(ann.client);
    await pullAll(bob.client);
    ann.client.send({ type: 'push', mutations: [reply(1, 'c-queue', 'take-it')] });
    await ann.client.expect('ack', ['presence', 'events']);
    bob.client.send({ type: 'push', mutations: [reply(1, 'c-bob', 'bob-next')] });

    const left = await bob.client.expect('events');
    expect(left.events[0]?.data).toMatchObject({ type: 'conversation.upserted', conversation: { id: 'c-queue', assigneeId: 'ann' } });
    // Then straight to Bob's own reply: Ann's message in her now-own conversation never reaches him.
    const next = await bob.client.expect('events');
    expect(conversationIds(next.events)).toEqual(['c-bob']);
    expect(next.from).toBe(left.to);
  });

  it('sets status, and a reply to a resolved conversation keeps it resolved', async () => {
    const { client } = await signIn('ann@acme.test');
    await pullAll(client);
    client.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: clock, body: { kind: 'conversation.setStatus', conversationId: 'c-ann', status: 'resolved' } }] });
    const resolved = await client.expect('events');
    expect(resolved.events[0]?.data).toMatchObject({ conversation: { id: 'c-ann', status: 'resolved' } });
    await client.expect('ack');
    client.send({ type: 'push', mutations: [reply(2, 'c-ann', 'after-resolve')] });
    const upsert = await client.expect('events');
    expect(upsert.events[0]?.data).toMatchObject({ conversation: { status: 'resolved', lastMessagePreview: 'reply after-resolve' } });
  });

  it('gives a queued conversation to the first of two racing claims and tells the other who has it', async () => {
    const ann = await signIn('ann@acme.test');
    const bob = await signIn('bob@acme.test');
    await pullAll(ann.client);
    await pullAll(bob.client);
    ann.client.send({ type: 'push', mutations: [claim(1, 'c-queue')] });
    bob.client.send({ type: 'push', mutations: [claim(1, 'c-queue')] });
    const acks = [await ann.client.expect('ack', ['presence', 'events']), await bob.client.expect('ack', ['presence', 'events'])];
    const refused = acks.flatMap((ack) => ack.rejections);
    expect(refused).toHaveLength(1);
    const winner = acks[0]?.rejections.length === 0 ? 'Ann' : 'Bob';
    expect(refused[0]).toMatchObject({ code: 'conflict', reason: 'taken', otherAgentName: winner });
    // Claiming what one already holds is fine; another team's queue is not one's own.
    const holder = winner === 'Ann' ? ann : bob;
    holder.client.send({ type: 'push', mutations: [claim(2, 'c-queue')] });
    expect((await holder.client.expect('ack', ['presence', 'events'])).rejections).toEqual([]);
  });

  it('refuses a reply whose basis no longer holds, with the reason, but tells an outsider nothing', async () => {
    const ann = await signIn('ann@acme.test');
    const sue = await signIn('sue@acme.test');
    await pullAll(sue.client);
    sue.client.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: clock, body: { kind: 'conversation.setStatus', conversationId: 'c-ann', status: 'resolved' } }] });
    await sue.client.expect('ack', ['presence', 'events']);
    const withBasis = (mutationId: number, conversationId: string, assigneeId: string | null) => ({
      ...reply(mutationId, conversationId, `m-${mutationId}`),
      body: { ...reply(mutationId, conversationId, `m-${mutationId}`).body, basis: { assigneeId, status: 'open' } },
    });
    ann.client.send({ type: 'push', mutations: [withBasis(1, 'c-ann', 'ann'), withBasis(2, 'c-bob', 'bob')] });
    const ack = await ann.client.expect('ack', ['presence', 'events']);
    expect(ack.rejections).toEqual([
      { mutationId: 1, code: 'conflict', reason: 'resolved', message: expect.stringMatching(/resolved/) },
      { mutationId: 2, code: 'forbidden', message: expect.any(String) },
    ]);
  });
});
