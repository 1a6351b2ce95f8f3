import type { TFunction } from 'i18next';
import { TeamSchedule, WEEKDAY_NAMES } from '../../src-shared/domain/model.js';
import { checkFields, type FieldErrors } from './field-errors.js';

export type Weekday = (typeof WEEKDAY_NAMES)[number];
type Period = { start: string; end: string };

/** A team's hours as the administrator types them: one line of periods per weekday. */
export interface HoursForm {
  alwaysOpen: boolean;
  timeZone: string;
  hours: Record<Weekday, string>;
  /** Region codes, chosen in a picker ("DE", "US-CA"). */
  holidayMarkets: string[];
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
  return { alwaysOpen: !schedule, timeZone: schedule?.timeZone ?? fallbackZone, hours, holidayMarkets: [...(schedule?.holidayMarkets ?? [])] };
}

/** The schedule the form describes (null: always open), checked with the relay's own rules; else each field's problem. */
export function scheduleFromForm(form: HoursForm, t: TFunction): { schedule: TeamSchedule | null } | { errors: FieldErrors } {
  if (form.alwaysOpen) return { schedule: null };
  const hours: Partial<Record<Weekday, Period[]>> = {};
  const unread: Record<string, string> = {};
  for (const day of WEEKDAY_NAMES) {
    const read = textToPeriods(form.hours[day]);
    if ('invalid' in read) unread[`hours.${day}`] = t('admin.fieldError.period', { text: read.invalid });
    else if (read.periods.length > 0) hours[day] = read.periods;
  }
  const checked = checkFields(TeamSchedule, { timeZone: form.timeZone.trim(), hours, holidayMarkets: form.holidayMarkets }, t);
  if (checked.ok && Object.keys(unread).length === 0) return { schedule: checked.value };
  return { errors: { ...(checked.ok ? {} : checked.errors), ...unread } };
}
