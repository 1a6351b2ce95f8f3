import { beforeAll, describe, expect, it } from 'vitest';
import type { i18n } from 'i18next';
import { initI18n } from '../i18n/index.js';
import { messageTime, relativeTime } from './relative-time.js';

let i18next: i18n;
beforeAll(async () => {
  i18next = await initI18n();
});

const at = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute).getTime();

describe('relativeTime', () => {
  const now = at(20, 15);
  const age = (when: number) => relativeTime(when, now, i18next.t, 'en');

  it('counts minutes and hours within today', () => {
    expect(age(now - 20_000)).toBe('now');
    expect(age(at(20, 14, 55))).toBe('5 min');
    expect(age(at(20, 12, 30))).toBe('2 h');
  });

  it('names yesterday and counts days in the last week, with plurals', () => {
    expect(age(at(19, 23))).toBe('yesterday');
    expect(age(at(17, 9))).toBe('3 days');
    expect(relativeTime(at(19, 9), at(21, 9), i18next.t, 'en')).toBe('2 days');
  });

  it('shows a date for anything older, with the year only when it differs', () => {
    expect(age(at(1, 9))).toBe('Mar 1');
    expect(age(new Date(2025, 11, 24).getTime())).toBe('Dec 24, 2025');
  });

  it('treats a time slightly in the future (clock skew) as now', () => {
    expect(age(now + 5_000)).toBe('now');
  });
});

describe('messageTime', () => {
  it('shows the clock today and the weekday this week', () => {
    expect(messageTime(at(20, 9, 5), at(20, 15), 'en-GB')).toBe('09:05');
    expect(messageTime(at(18, 9, 5), at(20, 15), 'en-GB')).toBe('Wed 09:05');
  });
});
