import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';
import { acmeCore, addTestConversation } from '../testing/test-relay.js';
import { applyPush } from '../sync/push.js';
import { assign, chooseAssignee, drainQueue, moveLapsedOffers, routingCandidates } from './assignment.js';

describe('assignment', () => {
  let clock = 1000;
  let core: RelayCore;

  beforeEach(async () => {
    clock = 1000;
    core = await acmeCore(() => clock++);
  });
  afterEach(() => core.store.close());

  const open = (id: string, assigneeId: string | null, over: Partial<Conversation> = {}) => addTestConversation(core, id, assigneeId, over);

  const waiting = async (language: string, channel: Conversation['channel'] = 'webchat') => ({ ...(await open(`w-${clock}`, null, { language, channel })) });

  it('routes only to connected agents of the team, never to supervisors or admins', async () => {
    const german = await waiting('de');
    expect(await chooseAssignee(core, 'acme', german)).toBeNull();
    core.connected.connect('sue');
    core.connected.connect('root');
    core.connected.connect('cid');
    expect(await chooseAssignee(core, 'acme', german)).toBeNull();
    core.connected.connect('ann');
    // Ann writes English only, and her desk has no translation model yet.
    expect(await chooseAssignee(core, 'acme', german)).toBeNull();
    // One way is not enough: she could read the customer but not answer them.
    core.connected.translationReported('ann', [{ source: 'de', target: 'en' }]);
    expect(await chooseAssignee(core, 'acme', german)).toBeNull();
    core.connected.translationReported('ann', [{ source: 'de', target: 'en' }, { source: 'en', target: 'de' }]);
    expect(await chooseAssignee(core, 'acme', german)).toBe('ann');
    core.connected.connect('bob');
    expect(await chooseAssignee(core, 'acme', german)).toBe('bob');
    expect((await routingCandidates(core, 'acme', 'team-a')).map((c) => c.id)).toEqual(['ann', 'bob']);
    expect((await routingCandidates(core, 'acme', 'team-b')).map((c) => c.id)).toEqual(['cid']);
  });

  it('prefers who writes the language, however busy, until they are full or away', async () => {
    core.connected.connect('ann');
    core.connected.connect('bob');
    core.connected.translationReported('bob', [{ among: ['de', 'en', 'th'] }]);
    await open('c1', 'ann');
    await open('c2', 'ann');
    await open('c3', 'ann');
    const english = await waiting('en-GB');
    expect(await chooseAssignee(core, 'acme', english)).toBe('ann');
    await open('c4', 'ann');
    // Four chats is Ann's capacity: Bob's desk translates.
    expect(await chooseAssignee(core, 'acme', english)).toBe('bob');
    // A profile that turns translation off wins over the models the desk has.
    await core.store.transaction((tx) => tx.accounts.setRouting('bob', { languages: ['de'], translates: false }));
    expect(await chooseAssignee(core, 'acme', english)).toBeNull();
    await core.store.transaction((tx) => tx.accounts.setRouting('bob', { languages: ['de'], translates: true }));
    // Signed out, the desk's models are forgotten: a new sign-in reports them again.
    core.connected.disconnect('bob');
    core.connected.connect('bob');
    expect(await chooseAssignee(core, 'acme', english)).toBeNull();
    core.connected.translationReported('bob', [{ among: ['de', 'en', 'th'] }]);
    expect(await chooseAssignee(core, 'acme', english)).toBe('bob');
    // An email is other work: it still goes to Ann.
    expect(await chooseAssignee(core, 'acme', await waiting('en', 'email'))).toBe('ann');
    await core.store.accounts.setChosenPresence('bob', 'away');
    expect(await chooseAssignee(core, 'acme', english)).toBeNull();
  });

  it('does not count resolved conversations as load', async () => {
    core.connected.connect('ann');
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      const done = await open(id, 'ann');
      await core.commit('acme', (changes) => changes.changeConversation(done, { ...done, status: 'resolved' }));
    }
    expect(await chooseAssignee(core, 'acme', await waiting('en'))).toBe('ann');
  });

  it('drains the queue most urgent first: SLA due time, VIP customers brought forward', async () => {
    const sla = (dueAt: number) => ({ policyId: 'p', firstResponseDueAt: dueAt, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, breached: [] });
    await open('late', null, { sla: sla(90 * 60_000) });
    await open('soon', null, { sla: sla(40 * 60_000) });
    await core.store.conversations.insertCustomer('acme', { id: 'vip-cust', name: 'Yui', language: 'en', market: null, createdAt: 0, vip: true });
    await open('vip', null, { sla: sla(60 * 60_000), customerId: 'vip-cust' });
    await open('other-team', null, { teamId: 'team-b', language: 'ja' });
    core.connected.connect('ann');
    const order: string[] = [];
    await core.commit('acme', async (changes) => {
      await drainQueue(core, changes, ['team-a']);
      for (const event of await changes.store.events.range('acme', 0, 1000)) {
        if (event.data.type === 'conversation.upserted' && event.data.conversation.assigneeId === 'ann') order.push(event.data.conversation.id);
      }
    });
    expect(order).toEqual(['vip', 'soon', 'late']);
    expect((await core.store.conversations.findConversation('acme', 'other-team'))?.assigneeId).toBeNull();
    expect(await core.store.conversations.listQueued('acme', ['team-a'])).toEqual([]);
  });

  it("takes the desks' signals: an upset customer moves up the queue, an intent goes to an agent with that skill", async () => {
    const push = async (agentId: string, mutationId: number, conversationId: string, intent: string | null, upset: boolean) =>
      (await applyPush(core, (await core.store.accounts.findAgent(agentId))!.agent, `${agentId}-desk`, [{ mutationId, body: { kind: 'conversation.signal', conversationId, intent, upset } }])).rejections;
    await open('calm', null);
    await open('angry', null);
    const seqBefore = await core.store.events.headSeq('acme');
    expect(await push('ann', 1, 'angry', 'refund', true)).toEqual([]);
    expect(await push('bob', 1, 'angry', 'refund', true)).toEqual([]);
    // The same signal from a second desk logs nothing more.
    expect(await core.store.events.headSeq('acme')).toBe(seqBefore + 1);
    expect(await core.store.conversations.findConversation('acme', 'angry')).toMatchObject({ intent: 'refund', upset: true });
    // Another team's desk is answered as if there were no such conversation.
    expect(await push('cid', 1, 'angry', null, false)).toEqual([{ mutationId: 1, code: 'not_found', message: 'There is no such conversation.' }]);

    // Bob writes English too and knows refunds; Ann has been idle longer but lacks the skill.
    await core.store.accounts.markAssigned('bob', 5_000);
    const bobProfile = { languages: ['de', 'en'], skills: ['refund'], translates: true };
    await core.store.transaction((tx) => tx.accounts.setRouting('bob', bobProfile));
    core.connected.connect('ann');
    core.connected.connect('bob');
    expect(await chooseAssignee(core, 'acme', (await core.store.conversations.findConversation('acme', 'angry'))!)).toBe('bob');
    expect(await chooseAssignee(core, 'acme', (await core.store.conversations.findConversation('acme', 'calm'))!)).toBe('ann');
    const order: string[] = [];
    core.connected.disconnect('bob');
    await core.commit('acme', async (changes) => {
      await drainQueue(core, changes, ['team-a']);
      for (const event of await changes.store.events.range('acme', 0, 1000)) {
        if (event.data.type === 'conversation.upserted' && event.data.conversation.assigneeId === 'ann') order.push(event.data.conversation.id);
      }
    });
    // Both came at the same minute with no SLA: the upset one first.
    expect(order).toEqual(['angry', 'calm']);
  });

  it('moves an offer nobody took in time on to the next agent, and not back to the first', async () => {
    await core.store.accounts.setOfferTimeoutMs('acme', 30_000);
    await core.store.accounts.setRouting('bob', { languages: ['de', 'en'] });
    core.connected.connect('ann');
    core.connected.connect('bob');
    await open('q1', null);
    await core.commit('acme', (changes) => drainQueue(core, changes, ['team-a']));
    const first = (await core.store.conversations.findConversation('acme', 'q1'))!;
    expect(first).toMatchObject({ assigneeId: null, offer: { agentId: 'ann' } });
    // Still open: the next drain leaves it with Ann.
    await core.commit('acme', (changes) => drainQueue(core, changes, ['team-a']));
    expect((await core.store.conversations.findConversation('acme', 'q1'))?.offer?.agentId).toBe('ann');
    clock = first.offer!.expiresAt;
    expect(await core.commit('acme', (changes) => moveLapsedOffers(core, changes))).toBe(1);
    expect((await core.store.conversations.findConversation('acme', 'q1'))?.offer?.agentId).toBe('bob');
    clock += 30_000;
    await core.commit('acme', (changes) => moveLapsedOffers(core, changes));
    // Both let it pass: it waits in the queue for whoever comes next.
    expect(await core.store.conversations.findConversation('acme', 'q1')).toMatchObject({ assigneeId: null, offer: null });
    expect(await core.store.conversations.passedOver('q1')).toEqual(['ann', 'bob']);
  });

  it('leaves the queue alone while nobody is available', async () => {
    await open('q1', null);
    expect(await core.commit('acme', (changes) => drainQueue(core, changes, ['team-a']))).toBe(0);
    expect((await core.store.conversations.listQueued('acme', ['team-a'])).map((c) => c.id)).toEqual(['q1']);
  });

  it('logs an assignment and remembers when the agent last got one', async () => {
    const queued = await open('q1', null);
    await core.commit('acme', (changes) => assign(changes, queued, 'bob'), 5000);
    expect((await core.store.accounts.findAgent('bob'))?.lastAssignedAt).toBe(5000);
    const last = (await core.store.events.range('acme', 0, 10)).at(-1);
    expect(last).toMatchObject({ assigneeId: 'bob', previousAssigneeId: null, previousTeamId: 'team-a' });
  });
});
