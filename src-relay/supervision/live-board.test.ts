import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';
import { applyPush } from '../sync/push.js';
import { acmeCore, addTestConversation } from '../testing/test-relay.js';
import { liveBoard } from './live-board.js';

const MINUTE = 60_000;

describe("the supervisor's live board and reassigning", () => {
  let core: RelayCore;
  let clock = 10 * MINUTE;
  const who = async (id: string): Promise<Agent> => (await core.store.accounts.findAgent(id))!.agent;

  beforeEach(async () => {
    clock = 10 * MINUTE;
    core = await acmeCore(() => clock);
  });
  afterEach(() => core.store.close());

  const sla = (dueAt: number, breached: ('first_response' | 'resolution')[] = []) => ({ policyId: 'p', firstResponseDueAt: dueAt, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, breached });

  it("shows the supervisor's team: waiting, longest wait, SLA at risk and missed, who is available in which language", async () => {
    clock = 0;
    await addTestConversation(core, 'old', null);
    clock = 6 * MINUTE;
    await addTestConversation(core, 'new', null, { sla: sla(14 * MINUTE) });
    await addTestConversation(core, 'late', 'ann', { sla: sla(5 * MINUTE, ['first_response']) });
    await addTestConversation(core, 'other-team', null, { teamId: 'team-b', language: 'ja' });
    clock = 10 * MINUTE;
    core.connected.connect('ann');
    core.connected.changed('ann', 4 * MINUTE);
    const board = await liveBoard(core, await who('sue'));
    expect(board.queues).toEqual([
      { teamId: 'team-a', teamName: 'Team A', open: true, waiting: 2, longestWaitMs: 10 * MINUTE, slaAtRisk: 1, slaBreached: 1, availableByLanguage: { en: 1 } },
    ]);
    expect(board.agents.map((a) => [a.id, a.state, a.inStateMs, a.load.chat])).toEqual([
      ['ann', 'available', 6 * MINUTE, 1],
      ['bob', 'offline', null, 0],
    ]);
    expect(board.alerts).toEqual([
      { kind: 'sla_breached', teamId: 'team-a', conversationId: 'late', customerName: 'Kim' },
      { kind: 'sla_at_risk', teamId: 'team-a', conversationId: 'new', customerName: 'Kim' },
    ]);
    // An administrator sees every team.
    expect((await liveBoard(core, await who('root'))).queues.map((q) => q.teamId)).toEqual(['team-a', 'team-b']);
  });

  it('breaks the same teams down by channel: waiting, held, longest wait, SLA at risk and missed', async () => {
    clock = 0;
    await addTestConversation(core, 'wa-old', null, { channel: 'whatsapp' });
    clock = 6 * MINUTE;
    await addTestConversation(core, 'wa-new', null, { channel: 'whatsapp', sla: sla(14 * MINUTE) });
    await addTestConversation(core, 'wa-held', 'ann', { channel: 'whatsapp' });
    await addTestConversation(core, 'line-late', 'ann', { channel: 'line', sla: sla(5 * MINUTE, ['first_response']) });
    await addTestConversation(core, 'line-done', 'ann', { channel: 'line', status: 'resolved' });
    await addTestConversation(core, 'other-team', null, { teamId: 'team-b', channel: 'telegram', language: 'ja' });
    clock = 10 * MINUTE;
    expect((await liveBoard(core, await who('sue'))).channels).toEqual([
      { channel: 'whatsapp', waiting: 2, active: 1, longestWaitMs: 10 * MINUTE, slaAtRisk: 1, slaBreached: 0 },
      { channel: 'line', waiting: 0, active: 1, longestWaitMs: null, slaAtRisk: 0, slaBreached: 1 },
    ]);
    // An administrator's board has every team's channels.
    expect((await liveBoard(core, await who('root'))).channels.map((c) => c.channel)).toEqual(['whatsapp', 'line', 'telegram']);
  });

  it('alerts when a working team has people waiting and no one available', async () => {
    await addTestConversation(core, 'q1', null);
    expect((await liveBoard(core, await who('sue'))).alerts).toContainEqual({ kind: 'no_agents', teamId: 'team-a', conversationId: null, customerName: null });
  });

  it('lets a supervisor hand a conversation to a team member or take it over, and nobody else do so', async () => {
    await addTestConversation(core, 'c1', 'ann');
    const push = async (agentId: string, mutationId: number, assigneeId: string | null) =>
      (await applyPush(core, await who(agentId), `${agentId}-desk`, [{ mutationId, body: { kind: 'conversation.assign', conversationId: 'c1', assigneeId } }])).rejections;
    expect(await push('ann', 1, 'bob')).toEqual([{ mutationId: 1, code: 'forbidden', message: expect.stringContaining('supervisors') }]);
    expect(await push('sue', 1, 'cid')).toEqual([{ mutationId: 1, code: 'invalid', message: expect.stringContaining('its team') }]);
    expect(await push('sue', 2, 'bob')).toEqual([]);
    expect((await core.store.conversations.findConversation('acme', 'c1'))?.assigneeId).toBe('bob');
    expect(await push('sue', 3, 'sue')).toEqual([]);
    expect((await core.store.conversations.findConversation('acme', 'c1'))?.assigneeId).toBe('sue');
    expect(await push('sue', 4, null)).toEqual([]);
    expect((await core.store.conversations.findConversation('acme', 'c1'))?.assigneeId).toBeNull();
    // Every move a supervisor made is audited, in its commit; the refused ones left nothing.
    const audited = await core.store.audit.list('acme', { action: 'conversation.reassigned', limit: 10 });
    expect(audited.map(({ actorId, target, details }) => ({ actorId, target, details }))).toEqual([
      { actorId: 'sue', target: { type: 'conversation', id: 'c1' }, details: { from: 'sue', to: null, takenOver: false } },
      { actorId: 'sue', target: { type: 'conversation', id: 'c1' }, details: { from: 'bob', to: 'sue', takenOver: true } },
      { actorId: 'sue', target: { type: 'conversation', id: 'c1' }, details: { from: 'ann', to: 'bob', takenOver: false } },
    ]);
  });

  it("lets a supervisor set the presence of their teams' agents, and tells who must hear of it", async () => {
    const push = async (agentId: string, mutationId: number, target: string, presence: 'available' | 'away') =>
      applyPush(core, await who(agentId), `${agentId}-desk`, [{ mutationId, body: { kind: 'agent.setPresence', agentId: target, presence } }]);
    expect((await push('ann', 1, 'bob', 'away')).rejections).toEqual([{ mutationId: 1, code: 'forbidden', message: expect.any(String) }]);
    expect((await push('sue', 1, 'cid', 'away')).rejections).toEqual([{ mutationId: 1, code: 'forbidden', message: expect.stringContaining('your teams') }]);
    const done = await push('sue', 2, 'bob', 'away');
    expect(done).toMatchObject({ rejections: [], presenceSetFor: ['bob'] });
    expect((await core.store.accounts.findAgent('bob'))?.chosenPresence).toBe('away');
    expect((await push('root', 1, 'cid', 'away')).rejections).toEqual([]);
  });
});
