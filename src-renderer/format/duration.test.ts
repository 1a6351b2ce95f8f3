import { describe, expect, it } from 'vitest';
import { shortDuration } from './duration.js';

describe('short durations for countdowns', () => {
  it('rounds up to the minute and groups hours and days', () => {
    expect(shortDuration(1_000)).toBe('1 min');
    expect(shortDuration(12 * 60_000)).toBe('12 min');
    expect(shortDuration(12 * 60_000 + 1)).toBe('13 min');
    expect(shortDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(shortDuration(120 * 60_000)).toBe('2 h');
    expect(shortDuration(76 * 3_600_000)).toBe('3 d 4 h');
    expect(shortDuration(-5 * 60_000)).toBe('5 min');
  });
});
