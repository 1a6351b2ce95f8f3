import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../../src-relay/storage/port/events.js';
import type { RelayStorage } from '../../../src-relay/storage/port/relay-storage.js';
import { checkDeliveries, type DeskApplied } from './delivery-check.js';

/** A log of messages: odd seqs in team a (assigned to ann), even seqs in team b, unassigned. */
function logOf(head: number): LoggedEvent[] {
  return Array.from({ length: head }, (_, i) => {
    const seq = i + 1;
    const teamId = seq % 2 === 1 ? 'a' : 'b';
    const assigneeId = teamId === 'a' ? 'ann' : null;
    return {
      tenantId: 't', seq, at: seq, conversationId: `c-${teamId}`, teamId, assigneeId, previousTeamId: null, previousAssigneeId: null,
      data: { type: 'message.created', message: { id: `m${seq}`, conversationId: `c-${teamId}`, author: 'customer', authorId: 'u', authorName: 'U', body: 'hi', createdAt: seq, internal: false, original: null } },
    };
  });
}
const store = (events: LoggedEvent[]) => ({ events: { range: async (_t: string, after: number, through: number) => events.filter((e) => e.seq > after && e.seq <= through) } }) as unknown as RelayStorage;
const ann = (seqs: number[], start = 0): DeskApplied => ({ agentId: 'ann', role: 'agent', teamIds: ['a'], start, seqs });
const sue = (seqs: number[], start = 0): DeskApplied => ({ agentId: 'sue', role: 'supervisor', teamIds: ['b'], start, seqs });

describe('checkDeliveries', () => {
  it('passes desks that applied exactly what they may see, once and in order', async () => {
    const check = await checkDeliveries(store(logOf(10)), 't', 10, [ann([3, 5, 7, 9], 2), sue([2, 4, 6, 8, 10])]);
    expect(check).toMatchObject({ lost: 0, duplicated: 0, outOfOrder: 0, unexpected: 0, due: 9 });
  });

  it('counts what is missing, repeated, out of order or not theirs to see', async () => {
    const check = await checkDeliveries(store(logOf(10)), 't', 10, [ann([1, 3, 3, 7, 5, 9, 2]), sue([2, 4, 6, 8])]);
    expect(check).toMatchObject({ lost: 1, duplicated: 1, outOfOrder: 3, unexpected: 1, due: 10 });
  });

  it('does not judge events after the head it was given', async () => {
    const check = await checkDeliveries(store(logOf(10)), 't', 8, [ann([1, 3, 5, 7]), sue([2, 4, 6, 8, 10])]);
    expect(check).toMatchObject({ lost: 0, unexpected: 0, due: 8 });
  });
});
