import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { businessTimeBetween, type BusinessCalendar } from './business-time.js';
import { agentReplied, customerWrote, newBreaches, nextCheckAt, policyFor, resolved, SlaPolicy, slaStateAt, startClock } from './sla.js';

const MINUTE = 60_000;
const policies = [
  SlaPolicy.parse({ id: 'vip-chat', name: 'VIP chat', priorities: ['high', 'urgent'], channels: ['webchat', 'whatsapp'], firstResponseMinutes: 5, nextResponseMinutes: 10, resolutionMinutes: 240 }),
  SlaPolicy.parse({ id: 'eu-email', name: 'EU email', channels: ['email'], markets: ['DE', 'FR'], firstResponseMinutes: 480, nextResponseMinutes: 480, resolutionMinutes: 2880 }),
  SlaPolicy.parse({ id: 'default', name: 'Everyone', firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 1440 }),
];
const saoPaulo: BusinessCalendar = {
  timeZone: 'America/Sao_Paulo',
  hours: { 1: [{ start: '09:00', end: '18:00' }], 2: [{ start: '09:00', end: '18:00' }], 3: [{ start: '09:00', end: '18:00' }], 4: [{ start: '09:00', end: '18:00' }], 5: [{ start: '09:00', end: '18:00' }] },
  isHoliday: (date) => date === '2026-09-07',
};
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Sao_Paulo' }).toMillis();

describe('SLA policies and clocks', () => {
  it('takes the first policy whose priorities, channels and markets all match', () => {
    expect(policyFor(policies, { channel: 'whatsapp', market: 'BR', priority: 'high' })?.id).toBe('vip-chat');
    expect(policyFor(policies, { channel: 'whatsapp', market: 'BR', priority: 'normal' })?.id).toBe('default');
    expect(policyFor(policies, { channel: 'email', market: 'DE', priority: 'normal' })?.id).toBe('eu-email');
    expect(policyFor(policies, { channel: 'email', market: null, priority: 'normal' })?.id).toBe('default');
    expect(policyFor([], { channel: 'email', market: null, priority: 'normal' })).toBeNull();
  });

  it("counts a global 2-hour target in Brazil's working time, Independence Day excluded", () => {
    const clock = startClock(policies[2]!, saoPaulo, local('2026-09-04T17:00'));
    expect(clock.firstResponseDueAt).toBe(local('2026-09-08T10:00'));
  });

  it('meets the first response with a reply, then runs the next response from the next customer message', () => {
    const start = local('2026-11-24T10:00');
    let clock = startClock(policies[2]!, saoPaulo, start);
    clock = agentReplied(clock, start + 30 * MINUTE);
    expect(clock).toMatchObject({ firstResponseDueAt: null, nextResponseDueAt: null, firstRespondedAt: start + 30 * MINUTE });
    clock = customerWrote(clock, policies[2]!, saoPaulo, start + 60 * MINUTE);
    expect(clock.nextResponseDueAt).toBe(start + 60 * MINUTE + 240 * MINUTE);
    // A second message before the answer does not move the due time.
    expect(customerWrote(clock, policies[2]!, saoPaulo, start + 90 * MINUTE).nextResponseDueAt).toBe(clock.nextResponseDueAt);
    clock = resolved(clock);
    expect(nextCheckAt(clock)).toBeNull();
    // Writing after resolution reopens the resolution clock.
    expect(customerWrote(clock, policies[2]!, saoPaulo, start + 120 * MINUTE).resolutionDueAt).not.toBeNull();
  });

  it('tells each missed target once, and warns ten minutes ahead', () => {
    const start = Date.UTC(2026, 10, 24, 12);
    const clock = startClock(policies[0]!, null, start);
    expect(slaStateAt(clock, start)).toMatchObject({ state: 'warning', target: 'first_response' });
    expect(newBreaches(clock, start + 5 * MINUTE)).toEqual(['first_response']);
    const told = { ...clock, breached: ['first_response' as const] };
    expect(newBreaches(told, start + 6 * MINUTE)).toEqual([]);
    expect(slaStateAt(told, start + 6 * MINUTE)).toMatchObject({ state: 'breached' });
    expect(nextCheckAt(told)).toBe(clock.resolutionDueAt);
    expect(slaStateAt(agentReplied(told, start + 7 * MINUTE), start + 7 * MINUTE)).toMatchObject({ state: 'ok', target: 'resolution' });
  });

  it('gives every target exactly its minutes of working time, whenever the conversation starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.constantFrom(...policies), (at, policy) => {
        const clock = startClock(policy, saoPaulo, at);
        expect(businessTimeBetween(saoPaulo, at, clock.firstResponseDueAt!)).toBe(policy.firstResponseMinutes * MINUTE);
        expect(businessTimeBetween(saoPaulo, at, clock.resolutionDueAt!)).toBe(policy.resolutionMinutes * MINUTE);
      }),
      { numRuns: 100 },
    );
  });
});
