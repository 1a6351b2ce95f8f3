import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventPlacement } from '../storage/port/events.js';
import { canAct, canSee, type Viewer } from './visibility.js';

const ann: Viewer = { agentId: 'ann', role: 'agent', teamIds: ['team-a'] };
const sue: Viewer = { agentId: 'sue', role: 'supervisor', teamIds: ['team-a'] };
const root: Viewer = { agentId: 'root', role: 'admin', teamIds: [] };

function at(assigneeId: string | null, teamId: string, before?: { assigneeId: string | null; teamId: string }): EventPlacement {
  return {
    conversationId: 'c',
    teamId,
    assigneeId,
    previousTeamId: before?.teamId ?? null,
    previousAssigneeId: before?.assigneeId ?? null,
  };
}

describe('visibility', () => {
  it('shows an agent their conversations and their team queue, nothing else', () => {
    expect(canSee(ann, at('ann', 'team-a'))).toBe(true);
    expect(canSee(ann, at(null, 'team-a'))).toBe(true);
    expect(canSee(ann, at('bob', 'team-a'))).toBe(false);
    expect(canSee(ann, at(null, 'team-b'))).toBe(false);
    expect(canSee(ann, at('ann', 'team-b'))).toBe(true);
  });

  it('tells an agent when a conversation leaves them or their queue', () => {
    expect(canSee(ann, at('bob', 'team-a', { assigneeId: 'ann', teamId: 'team-a' }))).toBe(true);
    expect(canSee(ann, at('bob', 'team-a', { assigneeId: null, teamId: 'team-a' }))).toBe(true);
    expect(canSee(ann, at('bob', 'team-a', { assigneeId: 'cid', teamId: 'team-a' }))).toBe(false);
  });

  it('gives a mention to the colleague it names and to no one else, admins included', () => {
    const message = { id: 'm', conversationId: 'c', author: 'agent' as const, authorId: 'bob', authorName: 'Bob', body: '@Ann?', createdAt: 1, internal: true };
    const mention = (mentionedId: string) => ({ ...at(mentionedId, 'team-a'), data: { type: 'note.mentioned' as const, mentionedId, customerName: 'Kim', message } });
    expect(canSee(ann, mention('ann'))).toBe(true);
    expect(canSee(ann, mention('sue'))).toBe(false);
    expect(canSee(sue, mention('ann'))).toBe(false);
    expect(canSee(root, mention('ann'))).toBe(false);
    expect(canSee(root, mention('root'))).toBe(true);
  });

  it('shows a supervisor their teams, before and after a move', () => {
    expect(canSee(sue, at('bob', 'team-a'))).toBe(true);
    expect(canSee(sue, at('cid', 'team-b'))).toBe(false);
    expect(canSee(sue, at('cid', 'team-b', { assigneeId: 'bob', teamId: 'team-a' }))).toBe(true);
  });

  it('shows an admin everything', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom('ann', 'bob')), fc.constantFrom('team-a', 'team-b'), (assignee, team) => canSee(root, at(assignee, team))),
    );
  });

  it('never shows an agent an event about a conversation that was someone else’s before and after', () => {
    const agent = fc.constantFrom('ann', 'bob', 'cid');
    const team = fc.constantFrom('team-a', 'team-b');
    fc.assert(
      fc.property(fc.option(agent), team, fc.option(fc.record({ assigneeId: fc.option(agent), teamId: team })), (assignee, teamId, before) => {
        const held = (a: string | null, t: string) => a === 'ann' || (a === null && t === 'team-a');
        const expected = held(assignee, teamId) || (before !== null && held(before.assigneeId, before.teamId));
        expect(canSee(ann, at(assignee, teamId, before ?? undefined))).toBe(expected);
      }),
    );
  });

  it('lets agents act on what they hold, supervisors on their teams, admins anywhere', () => {
    expect(canAct(ann, { assigneeId: 'ann', teamId: 'team-b' })).toBe(true);
    expect(canAct(ann, { assigneeId: null, teamId: 'team-a' })).toBe(true);
    expect(canAct(ann, { assigneeId: 'bob', teamId: 'team-a' })).toBe(false);
    expect(canAct(sue, { assigneeId: 'bob', teamId: 'team-a' })).toBe(true);
    expect(canAct(sue, { assigneeId: 'cid', teamId: 'team-b' })).toBe(false);
    expect(canAct(root, { assigneeId: 'cid', teamId: 'team-b' })).toBe(true);
  });
});
