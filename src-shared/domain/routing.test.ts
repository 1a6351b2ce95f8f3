import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickAssignee, type RoutingCandidate } from './routing.js';

const candidate = (over: Partial<RoutingCandidate> & { agentId: string }): RoutingCandidate => ({
  presence: 'available',
  teamIds: ['apac'],
  openLoad: 0,
  lastAssignedAt: 0,
  ...over,
});

describe('pickAssignee', () => {
  it('picks the least loaded available agent of the team', () => {
    const chosen = pickAssignee(
      [
        candidate({ agentId: 'busy', openLoad: 5 }),
        candidate({ agentId: 'away', openLoad: 0, presence: 'away' }),
        candidate({ agentId: 'other-team', openLoad: 0, teamIds: ['emea'] }),
        candidate({ agentId: 'light', openLoad: 1 }),
      ],
      'apac',
    );
    expect(chosen).toBe('light');
  });

  it('breaks a tie in favour of whoever waited longest', () => {
    const chosen = pickAssignee(
      [candidate({ agentId: 'a', lastAssignedAt: 200 }), candidate({ agentId: 'b', lastAssignedAt: 100 })],
      'apac',
    );
    expect(chosen).toBe('b');
  });

  it('returns null when nobody of the team is available', () => {
    expect(pickAssignee([candidate({ agentId: 'a', presence: 'offline' })], 'apac')).toBeNull();
  });

  it('always returns an eligible agent with the minimum load, whatever the order', () => {
    const arbitraryCandidate = fc.record({
      agentId: fc.string({ minLength: 1, maxLength: 4 }),
      presence: fc.constantFrom('available' as const, 'away' as const, 'offline' as const),
      teamIds: fc.subarray(['apac', 'emea']),
      openLoad: fc.nat(20),
      lastAssignedAt: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(arbitraryCandidate, { maxLength: 12 }), (candidates) => {
        const eligible = candidates.filter((c) => c.presence === 'available' && c.teamIds.includes('apac'));
        const chosen = pickAssignee(candidates, 'apac');
        if (eligible.length === 0) return chosen === null;
        const minLoad = Math.min(...eligible.map((c) => c.openLoad));
        const reversed = pickAssignee([...candidates].reverse(), 'apac');
        return eligible.some((c) => c.agentId === chosen && c.openLoad === minLoad) && reversed === chosen;
      }),
    );
  });
});
