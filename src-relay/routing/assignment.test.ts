import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import { seedTenant } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { ACME, TEST_PASSWORD_COST, testCore } from '../testing/test-relay.js';
import { assign, chooseAssignee, drainQueue, routingCandidates } from './assignment.js';

describe('assignment', () => {
  let clock = 1000;
  let core: RelayCore;

  beforeEach(async () => {
    clock = 1000;
    core = testCore(':memory:', () => clock++);
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    core.store.conversations.insertCustomer('acme', { id: 'cust', name: 'Kim', language: 'en', market: null, createdAt: 0 });
  });
  afterEach(() => core.store.close());

  function open(id: string, assigneeId: string | null, teamId = 'team-a'): Conversation {
    const conversation: Conversation = {
      id,
      customerId: 'cust',
      customerName: 'Kim',
      channel: 'webchat',
      teamId,
      assigneeId,
      status: 'open',
      language: 'en',
      market: null,
      createdAt: clock,
      updatedAt: clock,
      lastMessageAt: clock,
      lastMessagePreview: '',
    };
    core.commit('acme', (changes) => changes.addConversation(conversation));
    return conversation;
  }

  it('routes only to connected agents of the team, never to supervisors or admins', () => {
    expect(chooseAssignee(core, 'acme', 'team-a')).toBeNull();
    core.connected.connect('sue');
    core.connected.connect('root');
    core.connected.connect('cid');
    expect(chooseAssignee(core, 'acme', 'team-a')).toBeNull();
    core.connected.connect('bob');
    expect(chooseAssignee(core, 'acme', 'team-a')).toBe('bob');
    expect(routingCandidates(core, 'acme', 'team-a').map((c) => c.agentId)).toEqual(['ann', 'bob']);
    expect(routingCandidates(core, 'acme', 'team-b').map((c) => c.agentId)).toEqual(['cid']);
  });

  it('picks the least loaded available agent', () => {
    core.connected.connect('ann');
    core.connected.connect('bob');
    open('c1', 'ann');
    open('c2', 'ann');
    open('c3', 'bob');
    expect(chooseAssignee(core, 'acme', 'team-a')).toBe('bob');
    core.store.accounts.setChosenPresence('bob', 'away');
    expect(chooseAssignee(core, 'acme', 'team-a')).toBe('ann');
  });

  it('does not count resolved conversations as load', () => {
    core.connected.connect('ann');
    core.connected.connect('bob');
    const done = open('c1', 'ann');
    core.commit('acme', (changes) => changes.changeConversation(done, { ...done, status: 'resolved' }));
    open('c2', 'bob');
    expect(chooseAssignee(core, 'acme', 'team-a')).toBe('ann');
  });

  it('drains the queue oldest first, one at a time, balancing load', () => {
    open('q1', null);
    open('q2', null);
    open('q3', null);
    open('other-team', null, 'team-b');
    core.connected.connect('ann');
    core.connected.connect('bob');
    const assigned = core.commit('acme', (changes) => drainQueue(core, changes, ['team-a']));
    expect(assigned).toBe(3);
    const assignee = (id: string) => core.store.conversations.findConversation('acme', id)?.assigneeId;
    // ann and bob tie on load; ties go to whoever waited longest, then by id.
    expect([assignee('q1'), assignee('q2'), assignee('q3')]).toEqual(['ann', 'bob', 'ann']);
    expect(assignee('other-team')).toBeNull();
    expect(core.store.conversations.listQueued('acme', ['team-a'])).toEqual([]);
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
