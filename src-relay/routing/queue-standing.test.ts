import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';
import { acmeCore, addTestConversation } from '../testing/test-relay.js';
import { AVERAGE_HANDLE_MS, queueStanding, StandingBoard } from './queue-standing.js';

describe("a waiting customer's place in line", () => {
  let core: RelayCore;
  let clock = 1000;

  beforeEach(async () => {
    clock = 1000;
    core = await acmeCore(() => clock++);
  });
  afterEach(() => core.store.close());

  const open = (id: string, assigneeId: string | null, over: Partial<Conversation> = {}) => addTestConversation(core, id, assigneeId, over);


  it('counts who is served first, and spreads the wait over the agents signed in who could answer', async () => {
    await open('q1', null);
    await open('q2', null);
    await open('q3', null);
    expect(await queueStanding(core, 'acme', 'q3')).toEqual({ position: 3, estimatedWaitMs: null });
    core.connected.connect('ann');
    await core.store.accounts.setChosenPresence('ann', 'away');
    // Away still counts: Ann is at work and will come back to the queue.
    expect(await queueStanding(core, 'acme', 'q3')).toEqual({ position: 3, estimatedWaitMs: 3 * AVERAGE_HANDLE_MS });
    core.connected.connect('bob');
    // Bob writes German: he could answer only through translation, and his desk has no model yet.
    expect(await queueStanding(core, 'acme', 'q3')).toEqual({ position: 3, estimatedWaitMs: 3 * AVERAGE_HANDLE_MS });
    core.connected.translationReported('bob', [{ among: ['de', 'en'] }]);
    expect(await queueStanding(core, 'acme', 'q3')).toEqual({ position: 3, estimatedWaitMs: 2 * AVERAGE_HANDLE_MS });
    expect(await queueStanding(core, 'acme', 'q1')).toEqual({ position: 1, estimatedWaitMs: AVERAGE_HANDLE_MS });
  });

  it('has no place in line once an agent has it or it is resolved', async () => {
    await open('taken', 'ann');
    await open('done', null, { status: 'resolved' });
    expect(await queueStanding(core, 'acme', 'taken')).toEqual({ position: null, estimatedWaitMs: null });
    expect(await queueStanding(core, 'acme', 'done')).toEqual({ position: null, estimatedWaitMs: null });
    expect(await queueStanding(core, 'acme', 'missing')).toEqual({ position: null, estimatedWaitMs: null });
  });

  it('answers for many customers as it does for each, reading each team once', async () => {
    core.connected.connect('ann');
    await open('q1', null);
    await open('q2', null, { createdAt: 0 });
    await open('q3', null);
    await open('taken', 'ann');
    await open('b1', null, { teamId: 'team-b' });
    const ids = ['q1', 'q2', 'q3', 'taken', 'b1', 'missing'];
    const each = await Promise.all(ids.map((id) => queueStanding(core, 'acme', id)));
    let queueReads = 0;
    const listQueued = core.store.conversations.listQueued.bind(core.store.conversations);
    core.store.conversations.listQueued = (...args) => {
      queueReads += 1;
      return listQueued(...args);
    };
    const board = new StandingBoard(core, 'acme');
    const together = await Promise.all(ids.map(async (id) => board.standingOf(await core.store.conversations.findConversation('acme', id))));
    expect(together).toEqual(each);
    expect(each.map((standing) => standing.position)).toEqual([2, 1, 3, null, 1, null]);
    expect(queueReads).toBe(2);
  });
});
