import { beforeEach, expect, it } from 'vitest';
import type { Channel, Conversation } from '../../src-shared/domain/model.js';
import { compareWaiting, type WorkKind } from '../../src-shared/domain/routing-score.js';
import { describeStorage } from '../storage/contract/adapters.js';
import { conversationOf, seedTenants } from '../storage/contract/fixtures.js';
import { queuePages, waitingOf } from './queue-order.js';

const ALL: ReadonlySet<WorkKind> = new Set(['call', 'chat', 'email']);
/** Ids whose order differs between UTF-16 (JavaScript) and code points or bytes (the databases): the storage's tie order is not routing's. */
const IDS = ['a', 'B', 'é', '\uE000', '😀', 'z', 'q1', 'Q1'];

/**
 * A drain reads the queue from its head, a page at a time, and must see it in the order routing
 * always had: every queued conversation sorted by compareWaiting, however the pages fall.
 */
describeStorage('reading the queue a page at a time', (storage) => {
  beforeEach(() => seedTenants(storage()));

  async function seedQueue(): Promise<Conversation[]> {
    let state = 7;
    const random = () => ((state = (state * 48_271) % 2_147_483_647) / 2_147_483_647);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const conversations = Array.from({ length: 90 }, (_, n) => {
      const vip = random() < 0.3;
      // Few arrival times and due times, so that many stand at the same place and only the id tells them apart.
      const createdAt = pick([100, 100, 200, 300]);
      const due = pick([null, 24 * 60 * 60_000 + 100, 1_900_000, 1_900_000 - 10 * 60_000]);
      return conversationOf(`${pick(IDS)}-${n % 3}-${n}`, {
        customerId: vip ? 'cust' : 'cust-2', customerName: vip ? 'Kim' : 'Lee', vip, createdAt, upset: random() < 0.3,
        channel: pick<Channel>(['webchat', 'email', 'whatsapp', 'voice']), teamId: pick(['team-a', 'team-b']),
        assigneeId: random() < 0.1 ? 'ann' : null, status: random() < 0.1 ? 'resolved' : 'open',
        sla: due === null ? null : { policyId: 'p', firstResponseDueAt: due, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, breached: [] },
      });
    });
    // And one of each id standing at one place: only the order of text tells them apart.
    const tied = IDS.map((id) => conversationOf(id, { customerId: 'cust-2', customerName: 'Lee', vip: false, createdAt: 100 }));
    await storage().transaction(async (tx) => {
      for (const conversation of [...conversations, ...tied]) await tx.conversations.insertConversation('acme', conversation);
    });
    return conversations;
  }

  const read = async (kinds: ReadonlySet<WorkKind>, pageSize: number) => {
    const ids: string[] = [];
    for await (const page of queuePages(storage(), 'acme', ['team-a', 'team-b'], () => kinds, { firstPage: pageSize })) ids.push(...page.map(({ conversation }) => conversation.id));
    return ids;
  };

  it('yields the whole queue in compareWaiting order, whatever the page size', async () => {
    await seedQueue();
    const queued = await storage().conversations.listQueued('acme', ['team-a', 'team-b']);
    const expected = queued.map(waitingOf).sort(compareWaiting).map((waiting) => waiting.id);
    expect(expected.length).toBeGreaterThan(50);
    for (const pageSize of [1, 2, 3, 7, 50, 500]) expect(await read(ALL, pageSize), `pages of ${pageSize}`).toEqual(expected);
  });

  it('reads only the kinds of work someone has room for, and nothing when no one has room', async () => {
    await seedQueue();
    const queued = await storage().conversations.listQueued('acme', ['team-a', 'team-b']);
    const emails = queued.filter((c) => c.channel === 'email').map(waitingOf).sort(compareWaiting).map((waiting) => waiting.id);
    expect(emails.length).toBeGreaterThan(5);
    expect(await read(new Set(['email']), 4)).toEqual(emails);
    expect(await read(new Set(), 4)).toEqual([]);
  });
});
