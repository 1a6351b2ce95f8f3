import { describe, expect, it } from 'vitest';
import { addBusinessDays, addMonths, regimeOfMarket, requestDueDates } from './request-deadlines.js';

const at = (iso: string) => Date.parse(iso);
const endOfDay = (date: string) => Date.parse(`${date}T23:59:59.999Z`);
const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateOf = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

describe('regimeOfMarket', () => {
  it('names the law of each market the company serves, and none for others', () => {
    expect(regimeOfMarket('DE')).toBe('gdpr');
    expect(regimeOfMarket('ie')).toBe('gdpr');
    expect(regimeOfMarket('NO')).toBe('gdpr');
    expect(regimeOfMarket('US')).toBe('ccpa');
    expect(regimeOfMarket('BR')).toBe('lgpd');
    expect(regimeOfMarket('IN')).toBe('dpdp');
    expect(regimeOfMarket('TH')).toBe('pdpa_th');
    expect(regimeOfMarket('CN')).toBe('pipl');
    expect(regimeOfMarket('JP')).toBeNull();
    expect(regimeOfMarket(null)).toBeNull();
  });
});

describe('addMonths', () => {
  it('keeps the day of the month, or takes the last day of a shorter month', () => {
    expect(dateOf(addMonths(day('2026-03-03'), 1))).toBe('2026-04-03');
    expect(dateOf(addMonths(day('2026-01-31'), 1))).toBe('2026-02-28');
    expect(dateOf(addMonths(day('2028-01-31'), 1))).toBe('2028-02-29');
    expect(dateOf(addMonths(day('2026-03-31'), 1))).toBe('2026-04-30');
    expect(dateOf(addMonths(day('2026-12-15'), 1))).toBe('2027-01-15');
    expect(dateOf(addMonths(day('2026-11-30'), 3))).toBe('2027-02-28');
  });
});

describe('addBusinessDays', () => {
  it('counts Mondays to Fridays after the day itself', () => {
    // Friday 4 December 2026: the 1st business day after it is Monday the 7th, the 10th is Friday the 18th.
    expect(dateOf(addBusinessDays(day('2026-12-04'), 1))).toBe('2026-12-07');
    expect(dateOf(addBusinessDays(day('2026-12-04'), 10))).toBe('2026-12-18');
    // Received on a Sunday: the week that follows counts whole.
    expect(dateOf(addBusinessDays(day('2026-12-06'), 5))).toBe('2026-12-11');
  });
});

describe('requestDueDates', () => {
  it('GDPR: one month from the day of receipt, two more months once extended; 31 January falls due on the last day of February', () => {
    expect(requestDueDates('gdpr', at('2026-01-31T15:00:00Z'))).toEqual({ dueAt: endOfDay('2026-02-28'), extendedDueAt: endOfDay('2026-04-28'), receiptDueAt: null });
    expect(requestDueDates('gdpr', at('2026-03-03T08:00:00Z'))).toEqual({ dueAt: endOfDay('2026-04-03'), extendedDueAt: endOfDay('2026-06-03'), receiptDueAt: null });
    expect(requestDueDates('gdpr', at('2027-12-31T23:59:59Z')).dueAt).toBe(endOfDay('2028-01-31'));
  });

  it('CCPA: 45 days, once 45 more, and receipt confirmed within 10 business days', () => {
    expect(requestDueDates('ccpa', at('2026-12-04T10:00:00Z'))).toEqual({ dueAt: endOfDay('2027-01-18'), extendedDueAt: endOfDay('2027-03-04'), receiptDueAt: endOfDay('2026-12-18') });
  });

  it('LGPD 15 days, DPDP 90 days, PDPA 30 days, none extendable', () => {
    expect(requestDueDates('lgpd', at('2026-02-20T12:00:00Z'))).toEqual({ dueAt: endOfDay('2026-03-07'), extendedDueAt: null, receiptDueAt: null });
    expect(requestDueDates('dpdp', at('2026-01-01T00:00:00Z')).dueAt).toBe(endOfDay('2026-04-01'));
    expect(requestDueDates('pdpa_th', at('2026-01-31T00:00:00Z')).dueAt).toBe(endOfDay('2026-03-02'));
  });

  it('PIPL: 15 working days, weekends not counted', () => {
    // Thursday 1 October 2026 + 15 working days = Thursday 22 October.
    expect(requestDueDates('pipl', at('2026-10-01T09:00:00Z'))).toEqual({ dueAt: endOfDay('2026-10-22'), extendedDueAt: null, receiptDueAt: null });
  });
});
