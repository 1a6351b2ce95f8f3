import { describe, expect, it } from 'vitest';
import type { RelayFrame } from '../../src-shared/protocol/sync.js';
import type { TenantSeed } from '../demo/seed.js';
import { ACME_AWAY, useSeededRelay, type SyncClient } from '../testing/sync-harness.js';

type SnapshotPage = Extract<RelayFrame, { type: 'snapshot' }>;

/**
 * Seven conversations whose ids sort in the order listed: Ann holds 1 and 4, Bob 3, Cid 5;
 * team A's queue has 2 and 7, team B's 6. Everyone away, so signing in hands out nothing.
 */
const SEED: TenantSeed = {
  ...ACME_AWAY,
  conversations: [
    { id: 'c-1-ann', customer: 'kim', channel: 'email', team: 'team-a', assignee: 'ann', status: 'open', messages: [{ minutesAgo: 70, author: 'customer', body: '1 asks' }, { minutesAgo: 69, author: 'agent', body: '1 answered' }] },
    { id: 'c-2-queue-a', customer: 'kim', channel: 'sms', team: 'team-a', assignee: null, status: 'open', messages: [{ minutesAgo: 60, author: 'customer', body: '2 waits' }] },
    { id: 'c-3-bob', customer: 'kim', channel: 'sms', team: 'team-a', assignee: 'bob', status: 'open', messages: [{ minutesAgo: 50, author: 'customer', body: '3 for Bob' }] },
    { id: 'c-4-ann', customer: 'kim', channel: 'email', team: 'team-a', assignee: 'ann', status: 'resolved', messages: [{ minutesAgo: 40, author: 'customer', body: '4 done' }] },
    { id: 'c-5-cid', customer: 'yui', channel: 'line', team: 'team-b', assignee: 'cid', status: 'open', messages: [{ minutesAgo: 30, author: 'customer', body: '5 for Cid' }] },
    { id: 'c-6-queue-b', customer: 'yui', channel: 'line', team: 'team-b', assignee: null, status: 'open', messages: [{ minutesAgo: 20, author: 'customer', body: '6 waits' }] },
    { id: 'c-7-queue-a', customer: 'kim', channel: 'webchat', team: 'team-a', assignee: null, status: 'pending', messages: [{ minutesAgo: 10, author: 'customer', body: '7 waits' }] },
  ],
};

const ALL = ['c-1-ann', 'c-2-queue-a', 'c-3-bob', 'c-4-ann', 'c-5-cid', 'c-6-queue-b', 'c-7-queue-a'];

describe('snapshot resync', () => {
  const now = Date.now();
  const { signIn } = useSeededRelay(SEED, now);

  /** Signed in with a cursor the relay cannot continue (a log restored from a backup): reset. */
  async function signInAndReset(email: string) {
    const signedIn = await signIn(email);
    signedIn.client.send({ type: 'pull', cursor: signedIn.welcome.headSeq + 100 });
    const reset = await signedIn.client.expect('reset');
    expect(reset.headSeq).toBe(signedIn.welcome.headSeq);
    return signedIn;
  }

  async function snapshotPages(client: SyncClient, limit?: number): Promise<SnapshotPage[]> {
    const pages: SnapshotPage[] = [];
    let after: string | null = null;
    do {
      client.send({ type: 'snapshot', after, limit });
      const page: SnapshotPage = await client.expect('snapshot');
      pages.push(page);
      after = page.nextAfter;
      if (pages.length > 20) throw new Error('the snapshot pages do not end');
    } while (after !== null);
    return pages;
  }

  const idsOf = (pages: readonly SnapshotPage[]) => pages.flatMap((p) => p.conversations.map((c) => c.id));

  async function push(client: SyncClient, ...mutations: { kind: string; [field: string]: unknown }[]) {
    client.send({ type: 'push', mutations: mutations.map((body, i) => ({ mutationId: Date.now() * 10 + i, createdAt: now, body })) });
    const ack = await client.expect('ack', ['presence', 'events']);
    expect(ack.rejections).toEqual([]);
  }

  it('pages through what each one may see, in id order, chained until nextAfter is null', async () => {
    const expected: Record<string, string[]> = {
      'ann@acme.test': ['c-1-ann', 'c-2-queue-a', 'c-4-ann', 'c-7-queue-a'],
      'bob@acme.test': ['c-2-queue-a', 'c-3-bob', 'c-7-queue-a'],
      'cid@acme.test': ['c-5-cid', 'c-6-queue-b'],
      'sue@acme.test': ['c-1-ann', 'c-2-queue-a', 'c-3-bob', 'c-4-ann', 'c-7-queue-a'],
      'root@acme.test': ALL,
    };
    for (const [email, ids] of Object.entries(expected)) {
      const { client, welcome } = await signInAndReset(email);
      for (const limit of [1, 2, 3, undefined]) {
        const pages = await snapshotPages(client, limit);
        expect(idsOf(pages), `${email}, ${limit ?? 'default'} a page`).toEqual(ids);
        pages.forEach((page, i) => {
          expect(page.conversations.length).toBeLessThanOrEqual(limit ?? 200);
          expect(page.total).toBe(ids.length);
          expect(page.asOfSeq).toBe(welcome.headSeq);
          if (page.nextAfter !== null) expect(page.nextAfter).toBe(page.conversations.at(-1)?.id);
          // Every page starts after the one before it ended.
          const previous = pages[i - 1]?.conversations.at(-1)?.id;
          if (previous !== undefined && page.conversations[0]) expect(page.conversations[0].id > previous).toBe(true);
        });
      }
    }
  });

  it('carries with each page exactly the messages of its conversations, internal notes included', async () => {
    const ann = await signIn('ann@acme.test');
    await push(ann.client, { kind: 'note.add', conversationId: 'c-1-ann', messageId: 'note-1', body: 'Kim prefers email' });
    const { client } = await signInAndReset('ann@acme.test');

    const pages = await snapshotPages(client, 2);
    expect(pages.map((p) => p.conversations.map((c) => c.id))).toEqual([['c-1-ann', 'c-2-queue-a'], ['c-4-ann', 'c-7-queue-a'], []]);
    expect(pages.map((p) => p.messages.map((m) => m.body))).toEqual([['1 asks', '1 answered', 'Kim prefers email', '2 waits'], ['4 done', '7 waits'], []]);
    expect(pages[0]?.messages[2]).toMatchObject({ id: 'note-1', conversationId: 'c-1-ann', internal: true, authorId: 'ann' });
    for (const page of pages) {
      const ids = new Set(page.conversations.map((c) => c.id));
      expect(page.messages.every((m) => ids.has(m.conversationId))).toBe(true);
    }
    // The conversations are as they are now, not as logged first.
    expect(pages[1]?.conversations[0]).toMatchObject({ id: 'c-4-ann', status: 'resolved', assigneeId: 'ann', lastMessagePreview: '4 done' });

    // The supervisor of the team sees the note too.
    const sue = await signInAndReset('sue@acme.test');
    const sueMessages = (await snapshotPages(sue.client)).flatMap((p) => p.messages);
    expect(sueMessages.find((m) => m.id === 'note-1')).toMatchObject({ internal: true });
  });

  it('shows what may be seen now: a conversation taken from the queue leaves the others', async () => {
    const ann = await signIn('ann@acme.test');
    await push(ann.client, { kind: 'conversation.claim', conversationId: 'c-2-queue-a' });

    const bob = await signInAndReset('bob@acme.test');
    const bobPages = await snapshotPages(bob.client);
    expect(idsOf(bobPages)).toEqual(['c-3-bob', 'c-7-queue-a']);
    expect(bobPages[0]?.total).toBe(2);
    expect(bobPages.flatMap((p) => p.messages.map((m) => m.body))).toEqual(['3 for Bob', '7 waits']);

    const annAgain = await signInAndReset('ann@acme.test');
    const annPages = await snapshotPages(annAgain.client);
    expect(annPages[0]?.conversations.find((c) => c.id === 'c-2-queue-a')).toMatchObject({ assigneeId: 'ann' });
  });

  it('reads asOfSeq at each page, and pulling from the first page’s value catches up and goes live', async () => {
    const { client, welcome } = await signInAndReset('ann@acme.test');
    const bob = await signIn('bob@acme.test');
    const sue = await signIn('sue@acme.test');

    client.send({ type: 'snapshot', after: null, limit: 2 });
    const first = await client.expect('snapshot');
    expect(first.asOfSeq).toBe(welcome.headSeq);

    // While Ann pages: Bob replies in his own conversation (not hers to see), Sue reopens one of Ann's.
    await push(bob.client, { kind: 'reply.send', conversationId: 'c-3-bob', messageId: 'bob-1', body: 'Hi Kim' });
    await push(sue.client, { kind: 'conversation.setStatus', conversationId: 'c-4-ann', status: 'open' });
    client.send({ type: 'snapshot', after: first.nextAfter, limit: 2 });
    const second = await client.expect('snapshot');
    expect(second.asOfSeq).toBe(welcome.headSeq + 3);
    expect(second.conversations.find((c) => c.id === 'c-4-ann')).toMatchObject({ status: 'open' });

    // Anything that changed after the first page replays; what is not hers does not.
    client.send({ type: 'pull', cursor: first.asOfSeq });
    const catchUp = await client.expect('events');
    expect(catchUp).toMatchObject({ from: first.asOfSeq, to: welcome.headSeq + 3, hasMore: false });
    expect(catchUp.events.map((e) => e.data)).toEqual([{ type: 'conversation.upserted', conversation: expect.objectContaining({ id: 'c-4-ann', status: 'open' }) }]);

    // Live now: the next change to her conversation arrives unasked, chained on.
    await push(sue.client, { kind: 'conversation.setStatus', conversationId: 'c-1-ann', status: 'pending' });
    const liveFrame = await client.expect('events');
    expect(liveFrame.from).toBe(catchUp.to);
    expect(liveFrame.events.map((e) => e.data)).toEqual([{ type: 'conversation.upserted', conversation: expect.objectContaining({ id: 'c-1-ann', status: 'pending' }) }]);
  });

  it('stops sending live events to a client it has told to reset, until it pulls again', async () => {
    const ann = await signIn('ann@acme.test');
    ann.client.send({ type: 'pull', cursor: 0 });
    expect(await ann.client.expect('events')).toMatchObject({ hasMore: false });
    ann.client.send({ type: 'pull', cursor: ann.welcome.headSeq + 1 });
    await ann.client.expect('reset');

    const sue = await signIn('sue@acme.test');
    await push(sue.client, { kind: 'conversation.setStatus', conversationId: 'c-1-ann', status: 'pending' });
    ann.client.send({ type: 'snapshot', after: null, limit: 1 });
    // The answer comes next, the change in it; no events frame ahead of it.
    const page = await ann.client.expect('snapshot', ['presence']);
    expect(page.conversations[0]).toMatchObject({ id: 'c-1-ann', status: 'pending' });
  });
});
