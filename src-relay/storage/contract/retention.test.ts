import { beforeEach, expect, it } from 'vitest';
import type { RetentionPolicy } from '../../../src-shared/domain/retention.js';
import type { AnonymisedConversation } from '../port/retention.js';
import { describeStorage } from './adapters.js';
import { conversationOf, messageOf, seedTenants } from './fixtures.js';

const POLICY: RetentionPolicy = { action: 'anonymise', defaultDays: 365, markets: [{ market: 'DE', days: 30 }] };

const anonymised = (id: string, createdAt: number): AnonymisedConversation => ({
  id, channel: 'whatsapp', teamId: 'team-a', assigneeId: 'ann', language: 'de', market: 'DE', intent: 'refund',
  sla: { policyId: 'p', firstResponseDueAt: 5, nextResponseDueAt: null, resolutionDueAt: 9, firstRespondedAt: 6, breached: ['resolution'] },
  createdAt, closedAt: createdAt + 50, firstCustomerAt: createdAt + 1, firstAnswerAt: createdAt + 7, messages: 4, anonymisedAt: 999,
});

describeStorage('conversation retention', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it("keeps each tenant's policy, replaced whole, and forgets it when set to none", async () => {
    const { retention } = storage();
    expect(await retention.policyOf('acme')).toBeNull();
    await retention.setPolicy('acme', POLICY, 10);
    await retention.setPolicy('acme', { ...POLICY, action: 'delete' }, 11);
    expect(await retention.policyOf('acme')).toEqual({ ...POLICY, action: 'delete' });
    expect(await retention.policyOf('globex')).toBeNull();
    await retention.setPolicy('acme', null, 12);
    expect(await retention.policyOf('acme')).toBeNull();
  });

  it('lists resolved conversations closed before a time, by market, oldest first, with their first times', async () => {
    await storage().transaction(async ({ conversations }) => {
      await conversations.insertConversation('acme', conversationOf('de-old', { status: 'resolved', updatedAt: 100 }));
      await conversations.insertConversation('acme', conversationOf('de-older', { status: 'resolved', updatedAt: 50 }));
      await conversations.insertConversation('acme', conversationOf('de-new', { status: 'resolved', updatedAt: 500 }));
      await conversations.insertConversation('acme', conversationOf('de-open', { status: 'open', updatedAt: 10 }));
      await conversations.insertConversation('acme', conversationOf('th-old', { status: 'resolved', updatedAt: 10, market: 'TH' }));
      await conversations.insertConversation('acme', conversationOf('none-old', { status: 'resolved', updatedAt: 10, market: null }));
      await conversations.insertMessage('acme', messageOf('m1', 'de-old', { createdAt: 20 }), null);
      await conversations.insertMessage('acme', messageOf('m2', 'de-old', { createdAt: 30, author: 'agent', authorId: 'ann' }), null);
    }, { tenantId: 'acme' });
    const { conversations } = storage();
    const closed = await conversations.listClosedBefore('acme', { only: 'DE' }, 200, 10);
    expect(closed.map((entry) => entry.conversation.id)).toEqual(['de-older', 'de-old']);
    expect(closed[1]).toMatchObject({ firstCustomerAt: 20, firstAnswerAt: 30 });
    expect((await conversations.listClosedBefore('acme', { only: 'DE' }, 200, 1)).map((e) => e.conversation.id)).toEqual(['de-older']);
    expect((await conversations.listClosedBefore('acme', { except: ['DE'] }, 200, 10)).map((e) => e.conversation.id).sort()).toEqual(['none-old', 'th-old']);
    expect((await conversations.listClosedBefore('acme', { except: [] }, 60, 10)).map((e) => e.conversation.id).sort()).toEqual(['de-older', 'none-old', 'th-old']);
    expect(await conversations.listClosedBefore('globex', { except: [] }, 1000, 10)).toEqual([]);
  });

  it('deletes a customer only once none of their conversations is left', async () => {
    await storage().transaction((tx) => tx.conversations.insertConversation('acme', conversationOf('c1', { customerId: 'cust-2' })), { tenantId: 'acme' });
    const { conversations } = storage();
    expect(await conversations.deleteCustomerIfUnheld('acme', 'cust-2')).toBe(false);
    expect(await conversations.deleteCustomerIfUnheld('acme', 'cust')).toBe(true);
    expect(await conversations.deleteCustomerIfUnheld('acme', 'cust')).toBe(false);
  });

  it('keeps anonymised figures per tenant, listed by creation time', async () => {
    const { retention } = storage();
    await retention.keepAnonymised('acme', anonymised('b', 300));
    await retention.keepAnonymised('acme', anonymised('a', 100));
    await retention.keepAnonymised('globex', anonymised('g', 100));
    expect(await retention.listAnonymised('acme', 0, 1000)).toEqual([anonymised('a', 100), anonymised('b', 300)]);
    expect((await retention.listAnonymised('acme', 100, 300)).map((c) => c.id)).toEqual(['a']);
    await expect(retention.keepAnonymised('acme', anonymised('a', 100))).rejects.toThrow();
  });

  it("forgets a rating's comment, keeping its score", async () => {
    const rating = { conversationId: 'c1', score: 4, comment: 'Kim was happy, call 0151 1234', ratedAt: 50, teamId: 'team-a', assigneeId: 'ann', channel: 'webchat', market: 'DE' };
    await storage().ratings.insert('acme', rating);
    await storage().ratings.forgetComment('acme', 'c1');
    expect(await storage().ratings.list('acme', 0, 100)).toEqual([{ ...rating, comment: null }]);
  });
});
