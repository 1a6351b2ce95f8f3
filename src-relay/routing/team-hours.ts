import { nextOpening, type BusinessCalendar, type Weekday, type WeeklyHours } from '../../src-shared/domain/business-time.js';
import { WEEKDAY_NAMES, type Team, type TeamSchedule } from '../../src-shared/domain/model.js';
import type { HolidayCalendars } from './holidays.js';

/** Where a new conversation goes: a team working now, or the one it waits for and when that opens (null: not within a year). */
export type TeamChoice = { team: Team; open: true } | { team: Team; open: false; opensAt: number | null };

/** The business calendar of a team; null for a team without a schedule, which is always there. */
export function calendarOf(schedule: TeamSchedule | null | undefined, holidays: HolidayCalendars): BusinessCalendar | null {
  if (!schedule) return null;
  const hours: WeeklyHours = {};
  WEEKDAY_NAMES.forEach((name, index) => {
    const periods = schedule.hours[name];
    if (periods) hours[(index + 1) as Weekday] = periods;
  });
  return { timeZone: schedule.timeZone, hours, isHoliday: (date) => holidays.isHoliday(schedule.holidayMarkets, date) };
}

/**
 * Follow the sun: the first team serving the language that is working now; else the first open
 * team along their overflow chains; else the serving team that opens soonest, where the
 * conversation waits. Teams are in routing order; the first takes languages no team serves.
 */
export function chooseTeamNow(teams: readonly Team[], language: string, now: number, holidays: HolidayCalendars): TeamChoice | null {
  const serving = servingTeams(teams, language);
  const opening = new Map<string, number | null>();
  const opensAt = (team: Team): number | null => {
    if (!opening.has(team.id)) {
      const calendar = calendarOf(team.schedule, holidays);
      opening.set(team.id, calendar ? nextOpening(calendar, now) : now);
    }
    return opening.get(team.id) ?? null;
  };
  const open = serving.find((team) => opensAt(team) === now);
  if (open) return { team: open, open: true };
  for (const team of serving) {
    const overflow = openOverflow(teams, team, (t) => opensAt(t) === now);
    if (overflow) return { team: overflow, open: true };
  }
  let soonest: { team: Team; opensAt: number } | null = null;
  for (const team of serving) {
    const at = opensAt(team);
    if (at !== null && (soonest === null || at < soonest.opensAt)) soonest = { team, opensAt: at };
  }
  if (soonest) return { ...soonest, open: false };
  return serving[0] ? { team: serving[0], open: false, opensAt: null } : null;
}

function servingTeams(teams: readonly Team[], language: string): Team[] {
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0];
  const serves = (team: Team, wanted: string | undefined) => team.languages.some((l) => l.toLowerCase() === wanted || l.toLowerCase().split('-')[0] === wanted);
  const exact = teams.filter((team) => serves(team, tag));
  const byPrimary = teams.filter((team) => !exact.includes(team) && serves(team, primary));
  const serving = [...exact, ...byPrimary];
  return serving.length > 0 ? serving : teams.slice(0, 1);
}

function openOverflow(teams: readonly Team[], from: Team, isOpen: (team: Team) => boolean): Team | null {
  const seen = new Set([from.id]);
  let next = teams.find((t) => t.id === from.overflowTeamId);
  while (next && !seen.has(next.id)) {
    if (isOpen(next)) return next;
    seen.add(next.id);
    next = teams.find((t) => t.id === next?.overflowTeamId);
  }
  return null;
}
