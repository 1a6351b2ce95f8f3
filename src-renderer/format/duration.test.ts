import { describe, expect, it } from 'vitest';
import { callDuration, shortDuration } from './duration.js';

describe('short durations for countdowns', () => {
  it('rounds up to the minute and groups hours and days', () => {
    expect(shortDuration(1_000, 'en')).toBe('1 min');
    expect(shortDuration(12 * 60_000, 'en')).toBe('12 min');
    expect(shortDuration(12 * 60_000 + 1, 'en')).toBe('13 min');
    expect(shortDuration(125 * 60_000, 'en')).toBe('2 hr 5 min');
    expect(shortDuration(120 * 60_000, 'en')).toBe('2 hr');
    expect(shortDuration(76 * 3_600_000, 'en')).toBe('3 days 4 hr');
    expect(shortDuration(-5 * 60_000, 'en')).toBe('5 min');
  });

  it("speaks the interface's language", () => {
    expect(shortDuration(125 * 60_000, 'zh-CN')).toBe('2小时5分钟');
    expect(shortDuration(12 * 60_000, 'th')).toBe('12 นาที');
    expect(shortDuration(12 * 60_000, 'de')).toBe('12 Min.');
  });
});

describe('call durations', () => {
  it('reads as a clock, with hours only when there are some', () => {
    expect(callDuration(0, 'en')).toBe('0:00');
    expect(callDuration(42, 'en')).toBe('0:42');
    expect(callDuration(12 * 60 + 5, 'en')).toBe('12:05');
    expect(callDuration(3600 + 2 * 60 + 9, 'en')).toBe('1:02:09');
  });

  it("uses the locale's digits", () => {
    expect(callDuration(12 * 60 + 5, 'ar-EG')).toBe('١٢:٠٥');
  });
});
