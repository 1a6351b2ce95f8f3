import { describe, expect, it } from 'vitest';
import { SendBudget } from './send-budget.js';

describe('SendBudget', () => {
  it('allows a burst, then one send per refill period', () => {
    const budget = new SendBudget(3, 1000, 0);
    expect([budget.take(0), budget.take(0), budget.take(0), budget.take(0)]).toEqual([true, true, true, false]);
    expect(budget.take(999)).toBe(false);
    expect(budget.take(1000)).toBe(true);
    expect(budget.take(1500)).toBe(false);
    expect(budget.take(2000)).toBe(true);
  });

  it('never saves up more than its capacity', () => {
    const budget = new SendBudget(2, 1000, 0);
    expect([budget.take(60_000), budget.take(60_000), budget.take(60_000)]).toEqual([true, true, false]);
  });
});
