import { z } from 'zod';
import { TeamSchedule, WEEKDAY_NAMES } from '../../src-shared/domain/model.js';

export type Weekday = (typeof WEEKDAY_NAMES)[number];
type Period = { start: string; end: string };

/** A team's hours as the administrator types them: one line of periods per weekday. */
export interface HoursForm {
  alwaysOpen: boolean;
  timeZone: string;
  hours: Record<Weekday, string>;
  holidayMarkets: string;
}

/** "09:00-12:30, 13:30-18:00"; an end before the start runs past midnight. */
export function periodsToText(periods: readonly Period[] | undefined): string {
  return (periods ?? []).map((p) => `${p.start}-${p.end}`).join(', ');
}

/** The periods in a line, or the part that is not one. Accepts 9:00, en dashes and semicolons. */
export function textToPeriods(text: string): { periods: Period[] } | { invalid: string } {
  const periods: Period[] = [];
  for (const part of splitList(text)) {
    const match = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!match) return { invalid: part };
    const [, h1 = '', m1 = '', h2 = '', m2 = ''] = match;
    periods.push({ start: `${h1.padStart(2, '0')}:${m1}`, end: `${h2.padStart(2, '0')}:${m2}` });
  }
  return { periods };
}

/** "DE, AT" or "de at" → ["DE", "AT"]. */
export function textToCodes(text: string): string[] {
  return splitList(text).map((code) => code.toUpperCase());
}

/** Words separated by commas, semicolons or spaces (for periods: commas and semicolons only). */
export function splitList(text: string): string[] {
  const separator = /\d:\d/.test(text) ? /[,;]/ : /[,;\s]/;
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);
}

export function hoursForm(schedule: TeamSchedule | null | undefined, fallbackZone: string): HoursForm {
  const hours = Object.fromEntries(WEEKDAY_NAMES.map((day) => [day, periodsToText(schedule?.hours[day])])) as Record<Weekday, string>;
  return { alwaysOpen: !schedule, timeZone: schedule?.timeZone ?? fallbackZone, hours, holidayMarkets: (schedule?.holidayMarkets ?? []).join(', ') };
}

/** The schedule the form describes (null: always open), checked with the relay's own rules. */
export function scheduleFromForm(form: HoursForm): { schedule: TeamSchedule | null } | { error: string } {
  if (form.alwaysOpen) return { schedule: null };
  const hours: Partial<Record<Weekday, Period[]>> = {};
  for (const day of WEEKDAY_NAMES) {
    const read = textToPeriods(form.hours[day]);
    if ('invalid' in read) return { error: `${day}: "${read.invalid}" is not a period such as 09:00-17:00` };
    if (read.periods.length > 0) hours[day] = read.periods;
  }
  const parsed = TeamSchedule.safeParse({ timeZone: form.timeZone.trim(), hours, holidayMarkets: textToCodes(form.holidayMarkets) });
  return parsed.success ? { schedule: parsed.data } : { error: z.prettifyError(parsed.error) };
}
