import { DateTime } from 'luxon';

/**
 * Business hours in a team's time zone, and time counted only while the team works (SLA
 * clocks). Pure: holidays come in as a predicate, so the relay can answer it from the
 * date-holidays package and tests from a list.
 */

/** Local "HH:mm". An end at or before the start runs past midnight; "24:00" is the end of the day. */
export interface OpenPeriod {
  start: string;
  end: string;
}

/** ISO weekdays: 1 is Monday, 7 Sunday. A day without periods is closed. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type WeeklyHours = Partial<Record<Weekday, readonly OpenPeriod[]>>;

export interface BusinessCalendar {
  /** IANA zone, such as "Europe/Berlin" or "Pacific/Kiritimati". */
  timeZone: string;
  hours: WeeklyHours;
  /** Whether a local date ("2026-12-25") is a day off. A period belongs to the day it starts on. */
  isHoliday(localDate: string): boolean;
}

export interface Interval {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead a due time or an opening is looked for: past any run of holidays. */
const HORIZON_DAYS = 400;
const WINDOW_DAYS = 14;

/** Minutes after local midnight of "HH:mm" (00:00 to 24:00). */
export function minutesOf(clock: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!(minutes >= 0 && minutes <= 24 * 60)) throw new Error(`"${clock}" is not a time of day (HH:mm).`);
  return minutes;
}

/** The instants in [from, to) when the team works, in order, touching ones joined. */
export function openIntervals(calendar: BusinessCalendar, from: number, to: number): Interval[] {
  if (to <= from) return [];
  const intervals: Interval[] = [];
  // A period that started the day before may still run.
  let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day').minus({ days: 1 });
  const lastDay = DateTime.fromMillis(to, { zone: calendar.timeZone }).startOf('day');
  while (day <= lastDay) {
    for (const period of periodsOf(calendar, day)) {
      const start = Math.max(period.start, from);
      const end = Math.min(period.end, to);
      if (start < end) intervals.push({ start, end });
    }
    day = day.plus({ days: 1 });
  }
  return joined(intervals);
}

export function isOpen(calendar: BusinessCalendar, at: number): boolean {
  return openIntervals(calendar, at, at + 1).length > 0;
}

/** Working time between two instants, in milliseconds. */
export function businessTimeBetween(calendar: BusinessCalendar, from: number, to: number): number {
  return openIntervals(calendar, from, to).reduce((sum, interval) => sum + interval.end - interval.start, 0);
}

/** The instant when `duration` of working time has passed since `from`; null if the team never works within the horizon. */
export function addBusinessTime(calendar: BusinessCalendar, from: number, duration: number): number | null {
  let left = duration;
  if (left <= 0) return from;
  for (let start = from; start < from + HORIZON_DAYS * DAY; start += WINDOW_DAYS * DAY) {
    for (const interval of openIntervals(calendar, start, start + WINDOW_DAYS * DAY)) {
      const length = interval.end - interval.start;
      if (length >= left) return interval.start + left;
      left -= length;
    }
  }
  return null;
}

/** `at` itself when the team works then, else when it next starts; null if not within the horizon. */
export function nextOpening(calendar: BusinessCalendar, at: number): number | null {
  for (let start = at; start < at + HORIZON_DAYS * DAY; start += WINDOW_DAYS * DAY) {
    const first = openIntervals(calendar, start, start + WINDOW_DAYS * DAY)[0];
    if (first) return first.start;
  }
  return null;
}

function periodsOf(calendar: BusinessCalendar, day: DateTime): Interval[] {
  const periods = calendar.hours[day.weekday as Weekday] ?? [];
  if (periods.length === 0 || calendar.isHoliday(day.toISODate() ?? '')) return [];
  return periods.map((period) => {
    const start = minutesOf(period.start);
    let end = minutesOf(period.end);
    if (end <= start) end += 24 * 60;
    return { start: instantOf(day, start, calendar.timeZone), end: instantOf(day, end, calendar.timeZone) };
  });
}

/**
 * The first instant at or after a local wall time (minutes may pass 24:00 into the next day).
 * A time the clocks skip (02:30 when they jump from 02:00 to 03:00) starts at the jump.
 */
function instantOf(day: DateTime, minutes: number, zone: string): number {
  const date = day.plus({ days: Math.floor(minutes / (24 * 60)) });
  const rest = minutes % (24 * 60);
  const wanted = { year: date.year, month: date.month, day: date.day, hour: Math.floor(rest / 60), minute: rest % 60 };
  const found = DateTime.fromObject(wanted, { zone });
  if (found.hour === wanted.hour && found.minute === wanted.minute) return found.toMillis();
  const wantedKey = wallKey(wanted);
  // Luxon moved it forward by the length of the gap; the jump itself lies within that.
  let low = found.toMillis() - 3 * 60 * MINUTE;
  let high = found.toMillis();
  // Offsets and jumps fall on whole minutes.
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    const wall = DateTime.fromMillis(middle, { zone });
    if (wallKey(wall) >= wantedKey) high = middle;
    else low = middle;
  }
  return high;
}

function wallKey(t: { year: number; month: number; day: number; hour: number; minute: number }): number {
  return (((t.year * 13 + t.month) * 32 + t.day) * 24 + t.hour) * 60 + t.minute;
}

function joined(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const interval of intervals) {
    const last = out.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else out.push({ ...interval });
  }
  return out;
}
