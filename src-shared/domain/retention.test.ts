import { describe, expect, it } from 'vitest';
import { RetentionPolicy, retentionCutoffs } from './retention.js';

const DAY = 24 * 60 * 60 * 1000;

describe('retention policy', () => {
  it('expires each listed market by its own days and the rest by the default', () => {
    const policy = RetentionPolicy.parse({ action: 'anonymise', defaultDays: 365, markets: [{ market: 'DE', days: 30 }, { market: 'TH', days: 90 }] });
    expect(retentionCutoffs(policy, 1000 * DAY)).toEqual([
      { markets: { only: 'DE' }, closedBefore: 970 * DAY },
      { markets: { only: 'TH' }, closedBefore: 910 * DAY },
      { markets: { except: ['DE', 'TH'] }, closedBefore: 635 * DAY },
    ]);
  });

  it('keeps unlisted markets when there is no default', () => {
    const policy = RetentionPolicy.parse({ action: 'delete', defaultDays: null, markets: [{ market: 'BR', days: 10 }] });
    expect(retentionCutoffs(policy, 100 * DAY)).toEqual([{ markets: { only: 'BR' }, closedBefore: 90 * DAY }]);
  });

  it('refuses what it cannot apply plainly', () => {
    const bad = [
      { action: 'archive', defaultDays: 1, markets: [] },
      { action: 'delete', defaultDays: 0, markets: [] },
      { action: 'delete', defaultDays: 1.5, markets: [] },
      { action: 'delete', defaultDays: null, markets: [{ market: 'de', days: 5 }] },
      { action: 'delete', defaultDays: null, markets: [{ market: 'DE', days: 5 }, { market: 'DE', days: 6 }] },
      { action: 'delete', defaultDays: 5, markets: [], extra: true },
    ];
    for (const policy of bad) expect(RetentionPolicy.safeParse(policy).success, JSON.stringify(policy)).toBe(false);
  });
});
