import { beforeEach, expect, it } from 'vitest';
import type { SlaClock } from '../../../src-shared/domain/model.js';
import type { WorkKind } from '../../../src-shared/domain/routing-score.js';
import { describeStorage } from './adapters.js';
import { conversationOf, messageOf, seedTenants } from './fixtures.js';

const clock = (over: Partial<SlaClock> = {}): SlaClock => ({
  policyId: 'p1',
  firstResponseDueAt: 500,
  nextResponseDueAt: null,
  resolutionDueAt: 900,
  firstRespondedAt: null,
  breached: [],
  ...over,
});

const PHOTO = { fileId: 'a'.repeat(64), name: 'parcel.jpg', mediaType: 'image/jpeg', kind: 'image' as const, size: 2048 };

describeStorage('conversations and messages', (storage) => {
  beforeEach(() => seedTenants(storage()));

  const insert = (...conversations: ReturnType<typeof conversationOf>[]) =>
    storage().transaction(async (tx) => {
      for (const conversation of conversations) await tx.conversations.insertConversation(conversation.customerId === 'gus' ? 'globex' : 'acme', conversation);
    });

  it('reads back what was inserted and updated, with the customer name and VIP flag from the customer', async () => {
    const { conversations } = storage();
    const inserted = conversationOf('c1', { labels: ['billing'], sla: clock(), intent: 'refund', upset: true, offer: { agentId: 'ann', expiresAt: 700 } });
    await insert(inserted);
    expect(await conversations.findConversation('acme', 'c1')).toEqual(inserted);
    expect(await conversations.findConversation('globex', 'c1')).toBeNull();
    const updated = { ...inserted, assigneeId: 'ann', status: 'pending' as const, updatedAt: 200, lastMessageAt: 150, lastMessagePreview: 'hi', labels: [], sla: clock({ breached: ['first_response'] }), intent: null, upset: false, offer: null };
    await storage().transaction((tx) => tx.conversations.updateConversation(updated), { tenantId: 'acme' });
    expect(await conversations.findConversation('acme', 'c1')).toEqual(updated);
    await expect(insert(conversationOf('c1'))).rejects.toThrow();
  });

  it('queues unassigned, unresolved conversations of the given teams, oldest first, then by id', async () => {
    await insert(
      conversationOf('q-b', { createdAt: 10 }),
      conversationOf('Q-a', { createdAt: 10 }),
      conversationOf('q-old', { createdAt: 5, teamId: 'team-b' }),
      conversationOf('taken', { createdAt: 1, assigneeId: 'ann' }),
      conversationOf('done', { createdAt: 1, status: 'resolved' }),
    );
    const ids = async (teams: string[]) => (await storage().conversations.listQueued('acme', teams)).map((c) => c.id);
    expect(await ids(['team-a', 'team-b'])).toEqual(['q-old', 'Q-a', 'q-b']);
    expect(await ids(['team-a'])).toEqual(['Q-a', 'q-b']);
    expect(await ids([])).toEqual([]);
  });

  it('pages the queue most urgent first: SLA due time (a day out without one), VIP and upset brought forward, then arrival and id', async () => {
    const day = 24 * 60 * 60_000;
    await insert(
      // Kim ('cust') is a VIP: thirty minutes ahead; Lee ('cust-2') is not.
      conversationOf('no-sla', { customerId: 'cust-2', customerName: 'Lee', vip: false, createdAt: 10 }),
      conversationOf('due-soon', { customerId: 'cust-2', customerName: 'Lee', vip: false, createdAt: 50, sla: clock({ firstResponseDueAt: day, resolutionDueAt: null }) }),
      conversationOf('vip-later', { createdAt: 20, sla: clock({ firstResponseDueAt: day + 30 * 60_000, resolutionDueAt: 2 * day }) }),
      conversationOf('upset', { customerId: 'cust-2', customerName: 'Lee', vip: false, createdAt: 30, upset: true, sla: clock({ firstResponseDueAt: day + 20 * 60_000, resolutionDueAt: 2 * day }) }),
      conversationOf('breached', { customerId: 'cust-2', customerName: 'Lee', vip: false, createdAt: 40, sla: clock({ firstResponseDueAt: 5, resolutionDueAt: day + 60_000, breached: ['first_response'] }) }),
      conversationOf('mail', { customerId: 'cust-2', customerName: 'Lee', vip: false, createdAt: 1, channel: 'email' }),
      conversationOf('other-team', { createdAt: 1, teamId: 'team-b' }),
      conversationOf('taken', { createdAt: 1, assigneeId: 'ann' }),
      conversationOf('done', { createdAt: 1, status: 'resolved' }),
    );
    const { conversations } = storage();
    const page = async (after: { urgency: number; createdAt: number } | null, limit: number, kind: WorkKind = 'chat') =>
      (await conversations.listQueuedByUrgency('acme', 'team-a', kind, after, limit)).map((c) => c.id);
    // vip-later, upset and due-soon all stand at one day, then by arrival; no-sla a day after it came; breached at its resolution.
    expect(await page(null, 10)).toEqual(['vip-later', 'upset', 'due-soon', 'no-sla', 'breached']);
    expect(await page(null, 2)).toEqual(['vip-later', 'upset']);
    expect(await page({ urgency: day, createdAt: 20 }, 10)).toEqual(['upset', 'due-soon', 'no-sla', 'breached']);
    expect(await page(null, 10, 'email')).toEqual(['mail']);
    expect(await page(null, 10, 'call')).toEqual([]);
    // The whole conversation, as listQueued reads it.
    const queued = await conversations.listQueued('acme', ['team-a']);
    expect(await conversations.listQueuedByUrgency('acme', 'team-a', 'chat', null, 1)).toEqual(queued.filter((c) => c.id === 'vip-later'));
  });

  it('pages one language of the queue by its primary subtag, in the same order', async () => {
    await insert(
      // Lee ('cust-2') is not a VIP: without an SLA, each stands a day after it came.
      conversationOf('br', { customerId: 'cust-2', customerName: 'Lee', vip: false, language: 'pt-BR', createdAt: 30 }),
      conversationOf('en', { language: 'en', createdAt: 10 }),
      conversationOf('pt', { customerId: 'cust-2', customerName: 'Lee', vip: false, language: 'PT', createdAt: 20 }),
      conversationOf('pt-mail', { language: 'pt', createdAt: 5, channel: 'email' }),
      conversationOf('pt-taken', { language: 'pt', createdAt: 1, assigneeId: 'ann' }),
      conversationOf('pt-b', { language: 'pt', createdAt: 1, teamId: 'team-b' }),
    );
    const { conversations } = storage();
    const page = async (language: string, after: { urgency: number; createdAt: number } | null = null, limit = 10) =>
      (await conversations.listQueuedByUrgency('acme', 'team-a', 'chat', after, limit, language)).map((c) => c.id);
    expect(await page('pt')).toEqual(['pt', 'br']);
    expect(await page('pt', null, 1)).toEqual(['pt']);
    const day = 24 * 60 * 60_000;
    expect(await page('pt', { urgency: 20 + day, createdAt: 20 })).toEqual(['br']);
    expect(await page('en')).toEqual(['en']);
    expect(await page('de')).toEqual([]);
    // The same rows as the whole queue's, whole.
    const whole = await conversations.listQueuedByUrgency('acme', 'team-a', 'chat', null, 10);
    expect(await conversations.listQueuedByUrgency('acme', 'team-a', 'chat', null, 10, 'pt')).toEqual(whole.filter((c) => c.language.toLowerCase().startsWith('pt')));
  });

  it('counts assigned, unresolved conversations of the given teams by team and channel', async () => {
    await insert(
      conversationOf('wa-1', { assigneeId: 'ann', channel: 'whatsapp' }),
      conversationOf('wa-2', { assigneeId: 'ann', channel: 'whatsapp', status: 'pending' }),
      conversationOf('line-1', { assigneeId: 'ann', channel: 'line' }),
      conversationOf('line-b', { assigneeId: 'ann', channel: 'line', teamId: 'team-b' }),
      conversationOf('queued', { channel: 'whatsapp' }),
      conversationOf('done', { assigneeId: 'ann', channel: 'whatsapp', status: 'resolved' }),
    );
    const { conversations } = storage();
    expect(await conversations.countActive('acme', ['team-a', 'team-b'])).toEqual([
      { teamId: 'team-a', channel: 'line', count: 1 },
      { teamId: 'team-a', channel: 'whatsapp', count: 2 },
      { teamId: 'team-b', channel: 'line', count: 1 },
    ]);
    expect(await conversations.countActive('acme', ['team-b'])).toEqual([{ teamId: 'team-b', channel: 'line', count: 1 }]);
    expect(await conversations.countActive('globex', ['team-a'])).toEqual([]);
    expect(await conversations.countActive('acme', [])).toEqual([]);
  });

  it('pages the newest messages oldest first, insertion order breaking ties, and keeps internal notes from the customer', async () => {
    await insert(conversationOf('c1'));
    await storage().transaction(async ({ conversations }) => {
      await conversations.insertMessage('acme', messageOf('m-z', 'c1', { createdAt: 100 }), 'client-1');
      await conversations.insertMessage('acme', messageOf('m-a', 'c1', { createdAt: 100, internal: true, author: 'agent', authorId: 'ann', authorName: 'Ann' }), null);
      await conversations.insertMessage('acme', messageOf('m-m', 'c1', { createdAt: 100, original: { body: 'Hallo', language: 'de' }, attachments: [PHOTO] }), null);
      await conversations.insertMessage('acme', messageOf('m-0', 'c1', { createdAt: 50 }), null);
    });
    const { conversations } = storage();
    expect((await conversations.listMessages('c1', 10)).map((m) => m.message.id)).toEqual(['m-0', 'm-z', 'm-a', 'm-m']);
    expect((await conversations.listMessages('c1', 2)).map((m) => m.message.id)).toEqual(['m-a', 'm-m']);
    expect((await conversations.listPublicMessages('c1', 2)).map((m) => m.message.id)).toEqual(['m-z', 'm-m']);
    expect(await conversations.findMessage('m-z')).toEqual({ tenantId: 'acme', clientMessageId: 'client-1', message: messageOf('m-z', 'c1') });
    expect((await conversations.findMessage('m-m'))?.message.original).toEqual({ body: 'Hallo', language: 'de' });
    expect((await conversations.findMessage('m-m'))?.message.attachments).toEqual([PHOTO]);
    expect((await conversations.findMessage('m-z'))?.message.attachments).toBeUndefined();
    expect(await conversations.findMessage('nope')).toBeNull();
  });

  it("finds a message by its provider's id, once per tenant and channel", async () => {
    await insert(conversationOf('c1'));
    await storage().transaction(async ({ conversations }) => {
      await conversations.insertMessage('acme', messageOf('m1', 'c1'), null);
      await conversations.insertProviderMessage('acme', 'sms', 'SM1', 'm1');
    });
    const { conversations } = storage();
    expect(await conversations.findProviderMessage('acme', 'sms', 'SM1')).toBe('m1');
    expect(await conversations.findProviderMessage('acme', 'whatsapp', 'SM1')).toBeNull();
    expect(await conversations.findProviderMessage('globex', 'sms', 'SM1')).toBeNull();
    await expect(
      storage().transaction(async (tx) => {
        await tx.conversations.insertMessage('acme', messageOf('m2', 'c1'), null);
        await tx.conversations.insertProviderMessage('acme', 'sms', 'SM1', 'm2');
      }),
    ).rejects.toThrow();
    expect(await conversations.findMessage('m2')).toBeNull();
  });

  it('keeps web-chat visitors by token', async () => {
    await insert(conversationOf('c1'));
    const { conversations } = storage();
    await conversations.insertVisitor('tok', { tenantId: 'acme', customerId: 'cust', conversationId: 'c1' }, 10);
    await conversations.touchVisitor('tok', 20);
    expect(await conversations.findVisitor('tok')).toEqual({ tenantId: 'acme', customerId: 'cust', conversationId: 'c1' });
    expect(await conversations.findVisitor('other')).toBeNull();
  });

  it('lists and counts what a scope may see, in id order, a page after another', async () => {
    await insert(
      conversationOf('a-mine', { assigneeId: 'ann' }),
      conversationOf('B-queued'),
      conversationOf('c-theirs', { assigneeId: 'al' }),
      conversationOf('d-team-b', { teamId: 'team-b' }),
      conversationOf('g1', { customerId: 'gus', customerName: 'Gus', teamId: 'globex-team', vip: false, market: null }),
    );
    const { conversations } = storage();
    const visible = async (scope: Parameters<typeof conversations.listVisible>[1], after: string | null = null, limit = 10) => (await conversations.listVisible('acme', scope, after, limit)).map((c) => c.id);
    const agent = { role: 'agent' as const, agentId: 'ann', teamIds: ['team-a'] };
    const supervisor = { role: 'supervisor' as const, agentId: 'sue', teamIds: ['team-a'] };
    const admin = { role: 'admin' as const, agentId: 'root', teamIds: [] };
    expect(await visible(agent)).toEqual(['B-queued', 'a-mine']);
    expect(await visible(supervisor)).toEqual(['B-queued', 'a-mine', 'c-theirs']);
    expect(await visible(admin)).toEqual(['B-queued', 'a-mine', 'c-theirs', 'd-team-b']);
    expect(await visible(admin, null, 2)).toEqual(['B-queued', 'a-mine']);
    expect(await visible(admin, 'a-mine', 2)).toEqual(['c-theirs', 'd-team-b']);
    expect([await conversations.countVisible('acme', agent), await conversations.countVisible('acme', supervisor), await conversations.countVisible('acme', admin)]).toEqual([2, 3, 4]);
    expect((await conversations.listOfCustomer('acme', 'cust')).map((c) => c.id)).toEqual(['B-queued', 'a-mine', 'c-theirs', 'd-team-b']);
  });

  it('finds SLA targets falling due, soonest first, and open conversations that missed one, newest change first', async () => {
    await insert(
      conversationOf('due-late', { sla: clock({ firstResponseDueAt: 800, resolutionDueAt: 900 }), updatedAt: 1 }),
      conversationOf('due-soon', { sla: clock({ firstResponseDueAt: 300 }), updatedAt: 2 }),
      conversationOf('missed-1', { sla: clock({ breached: ['first_response'], firstResponseDueAt: null, resolutionDueAt: null }), updatedAt: 3 }),
      conversationOf('missed-2', { sla: clock({ breached: ['resolution'], firstResponseDueAt: null, resolutionDueAt: null }), updatedAt: 4 }),
      conversationOf('missed-done', { sla: clock({ breached: ['resolution'], firstResponseDueAt: null, resolutionDueAt: null }), status: 'resolved', updatedAt: 5 }),
      conversationOf('no-clock'),
    );
    const { conversations } = storage();
    expect((await conversations.listSlaDue('acme', 850)).map((c) => c.id)).toEqual(['due-soon', 'due-late']);
    expect((await conversations.listSlaDue('acme', 299)).map((c) => c.id)).toEqual([]);
    expect((await conversations.listBreachedOpen('acme')).map((c) => c.id)).toEqual(['missed-2', 'missed-1']);
  });

  it('finds lapsed offers, soonest lapsed first, and remembers who let one pass', async () => {
    await insert(conversationOf('o1', { offer: { agentId: 'ann', expiresAt: 20 } }), conversationOf('o2', { offer: { agentId: 'al', expiresAt: 10 } }), conversationOf('o3', { offer: { agentId: 'al', expiresAt: 99 } }));
    const { conversations } = storage();
    expect((await conversations.listOffersLapsed('acme', 20)).map((c) => c.id)).toEqual(['o2', 'o1']);
    expect(await conversations.passedOver('o1')).toEqual([]);
    await conversations.addPassedOver('o1', 'ann');
    await conversations.addPassedOver('o1', 'al');
    await conversations.addPassedOver('o1', 'ann');
    expect(await conversations.passedOver('o1')).toEqual(['ann', 'al']);
    await conversations.addPassedOver('o2', 'ann');
    // Several at once, for a queue drain: only those somebody let pass.
    expect(Object.fromEntries(await conversations.passedOverOf(['o1', 'o2', 'o3', 'nothing']))).toEqual({ o1: ['ann', 'al'], o2: ['ann'] });
    expect(await conversations.passedOverOf([])).toEqual(new Map());
  });

  it('tells history when the customer first wrote and was first answered (not by a note)', async () => {
    await insert(conversationOf('h1', { createdAt: 100 }), conversationOf('h2', { createdAt: 50 }), conversationOf('h-late', { createdAt: 500 }));
    await storage().transaction(async ({ conversations }) => {
      await conversations.insertMessage('acme', messageOf('early-note', 'h1', { createdAt: 105, author: 'agent', internal: true }), null);
      await conversations.insertMessage('acme', messageOf('asked', 'h1', { createdAt: 110 }), null);
      await conversations.insertMessage('acme', messageOf('note', 'h1', { createdAt: 115, author: 'agent', internal: true }), null);
      await conversations.insertMessage('acme', messageOf('answer', 'h1', { createdAt: 120, author: 'agent' }), null);
    });
    const history = await storage().conversations.listHistory('acme', 0, 500);
    expect(history.map((h) => [h.conversation.id, h.firstCustomerAt, h.firstAnswerAt])).toEqual([['h2', null, null], ['h1', 110, 120]]);
  });

  it('erases a conversation with its messages, provider ids and visitors, leaving a tombstone; then its customer', async () => {
    await insert(conversationOf('c1'), conversationOf('c2'));
    await storage().transaction(async ({ conversations }) => {
      await conversations.insertMessage('acme', messageOf('m1', 'c1'), null);
      await conversations.insertMessage('acme', messageOf('m2', 'c1'), null);
      await conversations.insertProviderMessage('acme', 'sms', 'SM1', 'm1');
      await conversations.insertVisitor('tok', { tenantId: 'acme', customerId: 'cust', conversationId: 'c1' }, 1);
    });
    const erased = await storage().transaction((tx) => tx.conversations.eraseConversation('acme', 'c1', 77), { tenantId: 'acme' });
    const { conversations } = storage();
    expect(erased).toBe(2);
    expect(await conversations.findConversation('acme', 'c1')).toBeNull();
    expect(await conversations.findMessage('m1')).toBeNull();
    expect(await conversations.findProviderMessage('acme', 'sms', 'SM1')).toBeNull();
    expect(await conversations.findVisitor('tok')).toBeNull();
    expect(await conversations.wasErased('acme', 'c1')).toBe(true);
    expect(await conversations.wasErased('globex', 'c1')).toBe(false);
    expect(await conversations.wasErased('acme', 'c2')).toBe(false);
    await storage().transaction(async (tx) => {
      await tx.conversations.eraseConversation('acme', 'c2', 78);
      await tx.conversations.eraseCustomer('acme', 'cust', { requestedBy: 'root', at: 78, conversations: 2, messages: 2 });
    }, { tenantId: 'acme' });
    expect(await conversations.listOfCustomer('acme', 'cust')).toEqual([]);
  });
});
