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

  const waiting = (language: string, channel: Conversation['channel'] = 'webchat') => ({ ...open(`w-${clock}`, null, { language, channel }) });

  it('routes only to connected agents of the team, never to supervisors or admins', () => {
    const german = waiting('de');
    expect(chooseAssignee(core, 'acme', german)).toBeNull();
    core.connected.connect('sue');
    core.connected.connect('root');
    core.connected.connect('cid');
    expect(chooseAssignee(core, 'acme', german)).toBeNull();
    core.connected.connect('ann');
    // Ann writes English only, but translates.
    expect(chooseAssignee(core, 'acme', german)).toBe('ann');
    core.connected.connect('bob');
    expect(chooseAssignee(core, 'acme', german)).toBe('bob');
    expect(routingCandidates(core, 'acme', 'team-a').map((c) => c.id)).toEqual(['ann', 'bob']);
    expect(routingCandidates(core, 'acme', 'team-b').map((c) => c.id)).toEqual(['cid']);
  });

  it('prefers who writes the language, however busy, until they are full or away', () => {
    core.connected.connect('ann');
    core.connected.connect('bob');
    open('c1', 'ann');
    open('c2', 'ann');
    open('c3', 'ann');
    const english = waiting('en-GB');
    expect(chooseAssignee(core, 'acme', english)).toBe('ann');
    open('c4', 'ann');
    // Four chats is Ann's capacity: Bob translates.
    expect(chooseAssignee(core, 'acme', english)).toBe('bob');
    // An email is other work: it still goes to Ann.
    expect(chooseAssignee(core, 'acme', waiting('en', 'email'))).toBe('ann');
    core.store.accounts.setChosenPresence('bob', 'away');
    expect(chooseAssignee(core, 'acme', english)).toBeNull();
  });

  it('does not count resolved conversations as load', () => {
    core.connected.connect('ann');
    for (const id of ['c1', 'c2', 'c3', 'c4']) {
      const done = open(id, 'ann');
      core.commit('acme', (changes) => changes.changeConversation(done, { ...done, status: 'resolved' }));
    }
    expect(chooseAssignee(core, 'acme', waiting('en'))).toBe('ann');
  });

  it('drains the queue most urgent first: SLA due time, VIP customers brought forward', () => {
    const sla = (dueAt: number) => ({ policyId: 'p', firstResponseDueAt: dueAt, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, breached: [] });
    open('late', null, { sla: sla(90 * 60_000) });
    open('soon', null, { sla: sla(40 * 60_000) });
    core.store.conversations.insertCustomer('acme', { id: 'vip-cust', name: 'Yui', language: 'en', market: null, createdAt: 0, vip: true });
    open('vip', null, { sla: sla(60 * 60_000), customerId: 'vip-cust' });
    open('other-team', null, { teamId: 'team-b', language: 'ja' });
    core.connected.connect('ann');
    const order: string[] = [];
    core.commit('acme', (changes) => {
      drainQueue(core, changes, ['team-a']);
      for (const event of core.store.events.range('acme', 0, 1000)) {
        if (event.data.type === 'conversation.upserted' && event.data.conversation.assigneeId === 'ann') order.push(event.data.conversation.id);
      }
    });
    expect(order).toEqual(['vip', 'soon', 'late']);
    expect(core.store.conversations.findConversation('acme', 'other-team')?.assigneeId).toBeNull();
    expect(core.store.conversations.listQueued('acme', ['team-a'])).toEqual([]);
  });

  it("takes the desks' signals: an upset customer moves up the queue, an intent goes to an agent with that skill", () => {
    const push = (agentId: string, mutationId: number, conversationId: string, intent: string | null, upset: boolean) =>
      applyPush(core, core.store.accounts.findAgent(agentId)!.agent, `${agentId}-desk`, [{ mutationId, body: { kind: 'conversation.signal', conversationId, intent, upset } }]).rejections;
    open('calm', null);
    open('angry', null);
    const seqBefore = core.store.events.headSeq('acme');
    expect(push('ann', 1, 'angry', 'refund', true)).toEqual([]);
    expect(push('bob', 1, 'angry', 'refund', true)).toEqual([]);
    // The same signal from a second desk logs nothing more.
    expect(core.store.events.headSeq('acme')).toBe(seqBefore + 1);
    expect(core.store.conversations.findConversation('acme', 'angry')).toMatchObject({ intent: 'refund', upset: true });
    expect(push('cid', 1, 'angry', null, false)).toEqual([{ mutationId: 1, code: 'forbidden', message: expect.any(String) }]);

    // Bob writes English too and knows refunds; Ann has been idle longer but lacks the skill.
    core.store.accounts.markAssigned('bob', 5_000);
    const bobProfile = { languages: ['de', 'en'], skills: ['refund'], translates: true };
    core.store.transaction(() => core.store.accounts.setRouting('bob', bobProfile));
    core.connected.connect('ann');
    core.connected.connect('bob');
    expect(chooseAssignee(core, 'acme', core.store.conversations.findConversation('acme', 'angry')!)).toBe('bob');
    expect(chooseAssignee(core, 'acme', core.store.conversations.findConversation('acme', 'calm')!)).toBe('ann');
    const order: string[] = [];
    core.connected.disconnect('bob');
    core.commit('acme', (changes) => {
      drainQueue(core, changes, ['team-a']);
      for (const event of core.store.events.range('acme', 0, 1000)) {
        if (event.data.type === 'conversation.upserted' && event.data.conversation.assigneeId === 'ann') order.push(event.data.conversation.id);
      }
    });
    // Both came at the same minute with no SLA: the upset one first.
    expect(order).toEqual(['angry', 'calm']);
  });

  it('moves an offer nobody took in time on to the next agent, and not back to the first', () => {
    core.store.accounts.setOfferTimeoutMs('acme', 30_000);
    core.store.accounts.setRouting('bob', { languages: ['de', 'en'] });
    core.connected.connect('ann');
    core.connected.connect('bob');
    open('q1', null);
    core.commit('acme', (changes) => drainQueue(core, changes, ['team-a']));
    const first = core.store.conversations.findConversation('acme', 'q1')!;
    expect(first).toMatchObject({ assigneeId: null, offer: { agentId: 'ann' } });
    // Still open: the next drain leaves it with Ann.
    core.commit('acme', (changes) => drainQueue(core, changes, ['team-a']));
    expect(core.store.conversations.findConversation('acme', 'q1')?.offer?.agentId).toBe('ann');
    clock = first.offer!.expiresAt;
    expect(core.commit('acme', (changes) => moveLapsedOffers(core, changes))).toBe(1);
    expect(core.store.conversations.findConversation('acme', 'q1')?.offer?.agentId).toBe('bob');
    clock += 30_000;
    core.commit('acme', (changes) => moveLapsedOffers(core, changes));
    // Both let it pass: it waits in the queue for whoever comes next.
    expect(core.store.conversations.findConversation('acme', 'q1')).toMatchObject({ assigneeId: null, offer: null });
    expect(core.store.conversations.passedOver('q1')).toEqual(['ann', 'bob']);
  });

  it('leaves the queue alone while nobody is available', () => {
    open('q1', null);
    expect(core.commit('acme', (changes) => drainQueue(core, changes, ['team-a']))).toBe(0);
    expect(core.store.conversations.listQueued('acme', ['team-a']).map((c) => c.id)).toEqual(['q1']);
  });

  it('logs an assignment and remembers when the agent last got one', () => {
    const queued = open('q1', null);
    core.commit('acme', (changes) => assign(core, changes, queued, 'bob'), 5000);
    expect(core.store.accounts.findAgent('bob')?.lastAssignedAt).toBe(5000);
    const last = core.store.events.range('acme', 0, 10).at(-1);
    expect(last).toMatchObject({ assigneeId: 'bob', previousAssigneeId: null, previousTeamId: 'team-a' });
  });
});
