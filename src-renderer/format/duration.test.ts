import { describe, expect, it } from 'vitest';
import { callDuration, shortDuration } from './duration.js';

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

describe('call durations', () => {
  it('reads as a clock, with hours only when there are some', () => {
    expect(callDuration(0)).toBe('0:00');
    expect(callDuration(42)).toBe('0:42');
    expect(callDuration(12 * 60 + 5)).toBe('12:05');
    expect(callDuration(3600 + 2 * 60 + 9)).toBe('1:02:09');
  });
});
