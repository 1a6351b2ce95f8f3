import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  isOpen,
  minutesOf,
  nextOpening,
  openIntervals,
  type BusinessCalendar,
  type OpenPeriod,
  type Weekday,
  type WeeklyHours,
} from './business-time.js';

const HOUR = 3_600_000;
/** Both sides of the date line, half- and quarter-hour offsets, DST north and south, none at all. */
const ZONES = ['Europe/London', 'America/New_York', 'America/Sao_Paulo', 'Asia/Tokyo', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Pacific/Auckland', 'UTC'];
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2028, 0, 1);

const clock = fc.integer({ min: 0, max: 95 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
const period: fc.Arbitrary<OpenPeriod> = fc.record({ start: clock, end: clock }).filter((p) => p.start !== p.end);
const hours: fc.Arbitrary<WeeklyHours> = fc.dictionary(
  fc.constantFrom('1', '2', '3', '4', '5', '6', '7'),
  fc.array(period, { maxLength: 3 }),
) as fc.Arbitrary<WeeklyHours>;
const holidays = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 });
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({ zone: fc.constantFrom(...ZONES), hours, holidays }).map(({ zone, hours: h, holidays: off }) => ({
  timeZone: zone,
  hours: h,
  // Holidays as days of the month, so some fall on any day tried.
  isHoliday: (date: string) => off.includes(Number(date.slice(8, 10)) % 7),
}));
const instant = fc.integer({ min: FROM, max: TO });

function always(zone: string): BusinessCalendar {
  const all: WeeklyHours = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
  return { timeZone: zone, hours: all, isHoliday: () => false };
}

function weekdays(zone: string, start: string, end: string, off: string[] = []): BusinessCalendar {
  const h: WeeklyHours = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start, end }]]));
  return { timeZone: zone, hours: h, isHoliday: (date) => off.includes(date) };
}

/** Read straight off the local wall clock: a period of today that holds now, or one of yesterday running past midnight. */
function openByWallClock(cal: BusinessCalendar, at: number): boolean {
  const local = DateTime.fromMillis(at, { zone: cal.timeZone });
  const now = local.hour * 60 + local.minute;
  const today = local.weekday as Weekday;
  const yesterday = local.minus({ days: 1 });
  const todays = cal.isHoliday(local.toISODate()!) ? [] : (cal.hours[today] ?? []);
  const yesterdays = cal.isHoliday(yesterday.toISODate()!) ? [] : (cal.hours[yesterday.weekday as Weekday] ?? []);
  const holds = ({ start, end }: OpenPeriod) => {
    const s = minutesOf(start);
    const e = minutesOf(end);
    return e > s ? now >= s && now < e : now >= s;
  };
  const runsOver = ({ start, end }: OpenPeriod) => minutesOf(end) <= minutesOf(start) && now < minutesOf(end);
  return todays.some(holds) || yesterdays.some(runsOver);
}

/** Within two hours of a clock change the wall clock repeats or skips; those instants have their own tests below. */
function nearClockChange(zone: string, at: number): boolean {
  const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset;
  return offset(at - 2 * HOUR) !== offset(at + 2 * HOUR);
}

describe('business time', () => {
  it('is open exactly when the local wall clock is within a period, on both sides of the date line', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, at) => {
        fc.pre(!nearClockChange(cal.timeZone, at));
        expect(isOpen(cal, at)).toBe(openByWallClock(cal, at));
      }),
      { numRuns: 1000 },
    );
  });

  it('counts back exactly what it added, and a longer duration never falls due earlier', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 100 * HOUR }), fc.integer({ min: 0, max: 20 * HOUR }), (cal, from, duration, more) => {
        const due = addBusinessTime(cal, from, duration);
        if (due === null) return;
        expect(businessTimeBetween(cal, from, due)).toBe(duration);
        // The last moment counted was working time.
        expect(isOpen(cal, due - 1)).toBe(true);
        // Null only when a sparse calendar does not reach it within the horizon.
        const later = addBusinessTime(cal, from, duration + more);
        if (later !== null) expect(later).toBeGreaterThanOrEqual(due);
      }),
      { numRuns: 150 },
    );
  });

  it('is elapsed time for a team that never stops, across every clock change', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: 1, max: 2000 * HOUR }), (zone, from, duration) => {
        expect(addBusinessTime(always(zone), from, duration)).toBe(from + duration);
      }),
      { numRuns: 200 },
    );
  });

  it('gives no working time on a holiday and none to a team without hours', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, from) => {
        const closed = { ...cal, isHoliday: () => true };
        expect(businessTimeBetween(closed, from, from + 30 * 24 * HOUR)).toBe(0);
        expect(addBusinessTime(closed, from, HOUR)).toBeNull();
        expect(nextOpening({ ...cal, hours: {} }, from)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it('opens next where a period starts, or at once when open', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, at) => {
        const next = nextOpening(cal, at);
        if (next === null) return;
        expect(next).toBeGreaterThanOrEqual(at);
        expect(isOpen(cal, next)).toBe(true);
        expect(businessTimeBetween(cal, at, next)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('business time on particular days', () => {
  const london = weekdays('Europe/London', '09:00', '17:00');

  it('counts a shift across the spring change as one hour shorter, and across the autumn change as one longer', () => {
    const night: BusinessCalendar = { timeZone: 'Europe/London', hours: { 7: [{ start: '00:00', end: '08:00' }] }, isHoliday: () => false };
    const spring = DateTime.fromISO('2026-03-29T00:00', { zone: 'Europe/London' }).toMillis();
    const autumn = DateTime.fromISO('2026-10-25T00:00', { zone: 'Europe/London' }).toMillis();
    expect(businessTimeBetween(night, spring, spring + 24 * HOUR)).toBe(7 * HOUR);
    expect(businessTimeBetween(night, autumn, autumn + 24 * HOUR)).toBe(9 * HOUR);
  });

  it('starts a period that begins in the skipped hour at the jump', () => {
    const skipped: BusinessCalendar = { timeZone: 'America/New_York', hours: { 7: [{ start: '02:30', end: '05:00' }] }, isHoliday: () => false };
    const day = DateTime.fromISO('2026-03-08T00:00', { zone: 'America/New_York' }).toMillis();
    expect(openIntervals(skipped, day, day + 24 * HOUR)).toEqual([
      { start: DateTime.fromISO('2026-03-08T03:00', { zone: 'America/New_York' }).toMillis(), end: DateTime.fromISO('2026-03-08T05:00', { zone: 'America/New_York' }).toMillis() },
    ]);
  });

  it('runs a night shift past midnight into the next day', () => {
    const nights: BusinessCalendar = { timeZone: 'Europe/London', hours: { 5: [{ start: '22:00', end: '06:00' }] }, isHoliday: () => false };
    const friday = DateTime.fromISO('2026-11-27T23:30', { zone: 'Europe/London' }).toMillis();
    const saturday = DateTime.fromISO('2026-11-28T05:59', { zone: 'Europe/London' }).toMillis();
    expect(isOpen(nights, friday)).toBe(true);
    expect(isOpen(nights, saturday)).toBe(true);
    expect(isOpen(nights, saturday + 2 * 60_000)).toBe(false);
  });

  it("skips a market's holiday: a 2-hour answer asked at 16:00 before Brazil's Independence Day is due the next working morning", () => {
    const saoPaulo = weekdays('America/Sao_Paulo', '09:00', '18:00', ['2026-09-07']);
    const friday = DateTime.fromISO('2026-09-04T17:00', { zone: 'America/Sao_Paulo' }).toMillis();
    expect(addBusinessTime(saoPaulo, friday, 2 * HOUR)).toBe(DateTime.fromISO('2026-09-08T10:00', { zone: 'America/Sao_Paulo' }).toMillis());
  });

  it('sees the same instant as Monday in Kiritimati and Sunday in Pago Pago', () => {
    const kiritimati = weekdays('Pacific/Kiritimati', '09:00', '17:00');
    const pagoPago = weekdays('Pacific/Pago_Pago', '09:00', '17:00');
    const at = DateTime.fromISO('2026-11-30T10:00', { zone: 'Pacific/Kiritimati' }).toMillis();
    expect(DateTime.fromMillis(at, { zone: 'Pacific/Pago_Pago' }).weekday).toBe(7);
    expect(isOpen(kiritimati, at)).toBe(true);
    expect(isOpen(pagoPago, at)).toBe(false);
    expect(isOpen(london, at)).toBe(false);
  });

  it('refuses a time of day that is not one', () => {
    expect(() => minutesOf('25:00')).toThrow(/not a time of day/);
    expect(() => minutesOf('9:00')).toThrow(/not a time of day/);
    expect(minutesOf('24:00')).toBe(1440);
  });
});
