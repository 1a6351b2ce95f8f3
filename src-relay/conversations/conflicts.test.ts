import { describe, expect, it } from 'vitest';
import type { ReplyBasis } from '../../src-shared/protocol/mutations/conversation-mutations.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import { ACME_AWAY, pushSettled, untilAck, useSeededRelay, type Ack, type SyncClient } from '../testing/sync-harness.js';
import { WEBCHAT_QUIET } from '../testing/socket-client.js';

/**
 * Everyone away, so signing in hands out nothing: team A has two conversations held and one
 * queued, team B one held and one queued.
 */
const SEED: TenantSeed = {
  ...ACME_AWAY,
  conversations: [
    { id: 'c-ann', customer: 'kim', channel: 'email', team: 'team-a', assignee: 'ann', status: 'open', messages: [{ minutesAgo: 50, author: 'customer', body: 'For Ann' }] },
    { id: 'c-bob', customer: 'kim', channel: 'sms', team: 'team-a', assignee: 'bob', status: 'open', messages: [{ minutesAgo: 40, author: 'customer', body: 'For Bob' }] },
    { id: 'c-queue', customer: 'kim', channel: 'sms', team: 'team-a', assignee: null, status: 'open', messages: [{ minutesAgo: 30, author: 'customer', body: 'Anyone?' }] },
    { id: 'c-cid', customer: 'yui', channel: 'line', team: 'team-b', assignee: 'cid', status: 'open', messages: [{ minutesAgo: 20, author: 'customer', body: 'For Cid' }] },
    { id: 'c-queue-b', customer: 'yui', channel: 'line', team: 'team-b', assignee: null, status: 'open', messages: [{ minutesAgo: 10, author: 'customer', body: 'Dare ka?' }] },
  ],
};

describe('conflicts the relay decides', () => {
  const now = Date.now();
  const { open, signInLive: signIn } = useSeededRelay(SEED, now);

  let mutationId = 0;
  const mutation = (body: Record<string, unknown>) => ({ mutationId: ++mutationId, createdAt: now, body });
  const claim = (conversationId: string) => mutation({ kind: 'conversation.claim', conversationId });
  const reply = (conversationId: string, messageId: string, basis?: ReplyBasis) =>
    mutation({ kind: 'reply.send', conversationId, messageId, body: `reply ${messageId}`, basis });
  const note = (conversationId: string, messageId: string, body: string) => mutation({ kind: 'note.add', conversationId, messageId, body });

  const push = async (client: SyncClient, ...mutations: unknown[]): Promise<Ack> => (await pushSettled(client, ...mutations)).ack;

  describe('claims', () => {
    it('gives a queued conversation to exactly one of two racing agents and tells the other who won', async () => {
      const ann = await signIn('ann@acme.test');
      const bob = await signIn('bob@acme.test');
      // Both leave before either answer is read.
      const race = { type: 'push', mutations: [{ mutationId: 1, createdAt: now, body: { kind: 'conversation.claim', conversationId: 'c-queue' } }] };
      ann.send(race);
      bob.send(race);

      const outcomes = [await untilAck(ann), await untilAck(bob)];
      const winners = outcomes.filter((o) => o.ack.rejections.length === 0);
      expect(winners).toHaveLength(1);
      const winnerId = winners[0] === outcomes[0] ? 'ann' : 'bob';
      const loser = outcomes.find((o) => o.ack.rejections.length > 0);
      expect(loser?.ack.rejections).toEqual([
        { mutationId: 1, code: 'conflict', reason: 'taken', otherAgentName: winnerId === 'ann' ? 'Ann' : 'Bob', message: expect.stringContaining(winnerId === 'ann' ? 'Ann' : 'Bob') },
      ]);
      // Both hear who has it; the loser no later than the refusal that it explains.
      for (const { events } of outcomes) {
        expect(events.map((e) => e.data)).toEqual([
          { type: 'conversation.upserted', conversation: expect.objectContaining({ id: 'c-queue', assigneeId: winnerId }) },
        ]);
      }
    });

    it('accepts claiming a conversation one already holds, and changes nothing', async () => {
      const ann = await signIn('ann@acme.test');
      const claimed = await push(ann, claim('c-queue'));
      expect(claimed.rejections).toEqual([]);
      ann.send({ type: 'push', mutations: [claim('c-queue'), claim('c-ann')] });
      // Nothing was logged: the ack is the next frame, with no events before it.
      expect(await ann.expect('ack', ['presence'])).toEqual({ type: 'ack', lastMutationId: mutationId, rejections: [] });
    });

    it("answers a claim on another team's queue as one on a conversation that does not exist", async () => {
      const ann = await signIn('ann@acme.test');
      const ack = await push(ann, claim('c-queue-b'), claim('c-never-was'));
      const [otherTeams, none] = ack.rejections;
      expect(otherTeams).toEqual({ mutationId: mutationId - 1, code: 'not_found', message: 'There is no such conversation.' });
      expect({ ...otherTeams, mutationId: 0 }).toEqual({ ...none, mutationId: 0 });
      // The queue is unchanged: Cid can still take it.
      const cid = await signIn('cid@acme.test');
      expect((await push(cid, claim('c-queue-b'))).rejections).toEqual([]);
    });

    it('tells an agent of another team nothing of who holds a conversation they try to claim', async () => {
      const ann = await signIn('ann@acme.test');
      await push(ann, claim('c-queue'));
      const cid = await signIn('cid@acme.test');
      const ack = await push(cid, claim('c-queue'), claim('c-bob'));
      expect(ack.rejections.map((r) => [r.code, r.reason, r.otherAgentName])).toEqual([
        ['not_found', undefined, undefined],
        ['not_found', undefined, undefined],
      ]);
      expect(JSON.stringify(ack)).not.toMatch(/Ann|Bob/);
    });
  });

  describe('reply basis', () => {
    it('refuses a reply written while the agent held a conversation that another agent holds now', async () => {
      // c-bob went to Bob while Ann's workstation still showed it as hers.
      const ann = await signIn('ann@acme.test');
      const ack = await push(ann, reply('c-bob', 'late-1', { assigneeId: 'ann', status: 'open' }));
      expect(ack.rejections).toEqual([
        { mutationId, code: 'conflict', reason: 'reassigned', otherAgentName: 'Bob', message: expect.stringContaining('Bob') },
      ]);
    });

    it('refuses a reply to a queued conversation that another agent took meanwhile', async () => {
      const ann = await signIn('ann@acme.test');
      const bob = await signIn('bob@acme.test');
      expect((await push(bob, claim('c-queue'))).rejections).toEqual([]);
      const ack = await push(ann, reply('c-queue', 'late-2', { assigneeId: null, status: 'open' }));
      expect(ack.rejections).toEqual([{ mutationId, code: 'conflict', reason: 'taken', otherAgentName: 'Bob', message: expect.any(String) }]);
    });

    it('refuses a reply written to an open conversation that was resolved meanwhile, and accepts one written knowing it', async () => {
      const ann = await signIn('ann@acme.test');
      const sue = await signIn('sue@acme.test');
      expect((await push(sue, mutation({ kind: 'conversation.setStatus', conversationId: 'c-ann', status: 'resolved' }))).rejections).toEqual([]);

      const stale = await push(ann, reply('c-ann', 'late-3', { assigneeId: 'ann', status: 'open' }));
      expect(stale.rejections).toEqual([{ mutationId, code: 'conflict', reason: 'resolved', message: expect.stringMatching(/resolved/) }]);
      expect(stale.rejections[0]).not.toHaveProperty('otherAgentName');

      const { ack, events } = await pushSettled(ann, reply('c-ann', 'aware-3', { assigneeId: 'ann', status: 'resolved' }));
      expect(ack.rejections).toEqual([]);
      expect(events.map((e) => e.data)).toContainEqual({ type: 'message.created', message: expect.objectContaining({ id: 'aware-3', internal: false }) });
    });

    it('accepts a reply whose basis still holds', async () => {
      const ann = await signIn('ann@acme.test');
      expect((await push(ann, reply('c-ann', 'fine-1', { assigneeId: 'ann', status: 'open' }))).rejections).toEqual([]);
    });

    it('answers an agent of another team as if the conversation did not exist, whatever basis they send, naming no one', async () => {
      const cid = await signIn('cid@acme.test');
      const bases: ReplyBasis[] = [
        { assigneeId: 'cid', status: 'open' },
        { assigneeId: null, status: 'open' },
        { assigneeId: 'bob', status: 'open' },
        { assigneeId: 'ann', status: 'resolved' },
      ];
      const ack = await push(cid, ...bases.map((basis, i) => reply('c-ann', `fish-${i}`, basis)), reply('c-queue', 'fish-q', { assigneeId: 'cid', status: 'open' }));
      expect(ack.rejections.map((r) => r.code)).toEqual(['not_found', 'not_found', 'not_found', 'not_found', 'not_found']);
      for (const rejection of ack.rejections) {
        expect(rejection.otherAgentName ?? null).toBeNull();
        expect(rejection.reason).toBeUndefined();
      }
      expect(JSON.stringify(ack)).not.toMatch(/Ann|Bob/);
    });
  });

  describe('internal notes', () => {
    async function customer() {
      return open(WEBCHAT_PATH, WebchatServerFrame);
    }

    it('reach the agents of a conversation but never its web chat customer, live or on return', async () => {
      const ann = await signIn('ann@acme.test');
      const sue = await signIn('sue@acme.test');
      const page = await customer();
      page.send({ type: 'hello', tenant: 'acme', name: 'Lea', language: 'en-US' });
      const { conversationId, visitorToken } = await page.expect('ready', []);
      page.send({ type: 'send', clientMessageId: 'lea-msg-1', body: 'My order is late' });
      await page.expect('message', WEBCHAT_QUIET);

      // Nobody is available, so it waits in team A's queue; Ann takes it and notes something for colleagues.
      expect((await push(ann, claim(conversationId), note(conversationId, 'note-1', 'VIP, refund without asking'))).rejections).toEqual([]);
      expect((await push(ann, reply(conversationId, 'reply-1'))).rejections).toEqual([]);

      // The note was committed before the reply: had it reached the page, it would come first.
      const shown = await page.expect('message', WEBCHAT_QUIET);
      expect(shown.message).toMatchObject({ id: 'reply-1', body: 'reply reply-1', author: 'agent', authorName: 'Ann' });
      expect(page.pending()).toEqual([]);

      const back = await customer();
      back.send({ type: 'hello', tenant: 'acme', name: 'Lea', language: 'en-US', visitorToken });
      const thread = await back.expect('ready', []);
      expect(thread.conversationId).toBe(conversationId);
      expect(thread.messages.map((m) => m.body)).toEqual(['My order is late', 'reply reply-1']);

      // The supervisor of the team has it live, flagged internal.
      const noted: SyncEvent[] = [];
      while (!noted.some((e) => e.data.type === 'message.created' && e.data.message.id === 'reply-1')) {
        noted.push(...(await sue.expect('events')).events);
      }
      expect(noted.map((e) => e.data).filter((d) => d.type === 'message.created' && d.message.author === 'agent')).toEqual([
        { type: 'message.created', message: expect.objectContaining({ id: 'note-1', body: 'VIP, refund without asking', internal: true, authorId: 'ann' }) },
        { type: 'message.created', message: expect.objectContaining({ id: 'reply-1', internal: false }) },
      ]);
    });

    it('are refused to an agent who cannot act on the conversation', async () => {
      const bob = await signIn('bob@acme.test');
      const ack = await push(bob, note('c-ann', 'note-x', 'not mine'), note('c-cid', 'note-y', 'not my team'));
      // A colleague's in one's own team is known to be someone else's; another team's is not known at all.
      expect(ack.rejections.map((r) => r.code)).toEqual(['forbidden', 'not_found']);
    });
  });
});
