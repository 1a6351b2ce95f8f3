import type { TFunction } from 'i18next';
import { dateTimeFormat } from './formatters.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Compact age for the inbox: "now", "5 min", "3 h", "yesterday", "4 days", then a date. */
export function relativeTime(at: number, now: number, t: TFunction, locale: string): string {
  const age = Math.max(0, now - at);
  if (age < MINUTE) return t('time.now');
  if (age < HOUR) return t('time.minutes', { count: Math.floor(age / MINUTE) });
  const days = calendarDaysBetween(at, now);
  if (days === 0) return t('time.hours', { count: Math.floor(age / HOUR) });
  if (days === 1) return t('time.yesterday');
  if (days < 7) return t('time.days', { count: days });
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
}

/** Clock time for a message; the day too when it is not today. */
export function messageTime(at: number, now: number, locale: string): string {
  const days = calendarDaysBetween(at, now);
  if (days === 0) return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  if (days > 0 && days < 7) return dateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
  return dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** Midnights crossed from `from` to `to`, in the agent's own time zone. */
function calendarDaysBetween(from: number, to: number): number {
  const start = new Date(from);
  const end = new Date(to);
  const startDay = Date.UTC(start.getFullYear(), start.getMonth(), start.getDate());
  const endDay = Date.UTC(end.getFullYear(), end.getMonth(), end.getDate());
  return Math.round((endDay - startDay) / (24 * HOUR));
}
