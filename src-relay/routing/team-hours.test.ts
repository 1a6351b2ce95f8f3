import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Team, TeamSchedule } from '../../src-shared/domain/model.js';
import { afterHoursReply } from '../conversations/after-hours.js';
import { HolidayCalendars } from './holidays.js';
import { chooseTeamNow } from './team-hours.js';

const holidays = new HolidayCalendars();
const weekdays = (timeZone: string, start: string, end: string, holidayMarkets: string[] = []): TeamSchedule => ({
  timeZone,
  hours: { mon: [{ start, end }], tue: [{ start, end }], wed: [{ start, end }], thu: [{ start, end }], fri: [{ start, end }] },
  holidayMarkets,
});
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('choosing the team that works now', () => {
  const london: Team = { id: 'london', name: 'London', languages: ['en', 'de'], schedule: weekdays('Europe/London', '08:00', '18:00'), overflowTeamId: 'manila' };
  const manila: Team = { id: 'manila', name: 'Manila nights', languages: ['en', 'tl'], schedule: weekdays('Asia/Manila', '00:00', '10:00') };
  const bangkok: Team = { id: 'bangkok', name: 'Bangkok', languages: ['th', 'zh'], schedule: weekdays('Asia/Bangkok', '09:00', '18:00', ['TH']) };
  const teams = [london, bangkok, manila];

  it('sends a London customer writing at 22:00 to the night shift that is working, not to the queue that opens at 08:00', () => {
    const choice = chooseTeamNow(teams, 'en-GB', at('2026-11-24T22:00', 'Europe/London'), holidays);
    expect(choice).toMatchObject({ team: { id: 'manila' }, open: true });
    expect(chooseTeamNow(teams, 'en-GB', at('2026-11-24T10:00', 'Europe/London'), holidays)).toMatchObject({ team: { id: 'london' }, open: true });
  });

  it('lets a conversation wait for the serving team that opens first, and says when', () => {
    const saturday = at('2026-11-28T12:00', 'Asia/Bangkok');
    expect(chooseTeamNow(teams, 'th-TH', saturday, holidays)).toEqual({ team: bangkok, open: false, opensAt: at('2026-11-30T09:00', 'Asia/Bangkok') });
  });

  it("skips the team's public holidays from the date-holidays calendar", () => {
    // 2026-12-10 is Constitution Day in Thailand, a Thursday.
    const choice = chooseTeamNow(teams, 'th', at('2026-12-10T10:00', 'Asia/Bangkok'), holidays);
    expect(choice).toEqual({ team: bangkok, open: false, opensAt: at('2026-12-11T09:00', 'Asia/Bangkok') });
    expect(holidays.isHoliday(['TH'], '2026-12-10')).toBe(true);
    expect(holidays.isHoliday(['DE'], '2026-12-10')).toBe(false);
  });

  it('matches the primary language, prefers an exact tag, and gives unknown languages to the first team', () => {
    const always: Team[] = [
      { id: 'apac', name: 'Asia Pacific', languages: ['zh', 'th', 'ja'] },
      { id: 'emea', name: 'Europe & Americas', languages: ['en', 'pt-BR', 'es'] },
      { id: 'brazil', name: 'Brazil', languages: ['pt'] },
    ];
    const now = Date.UTC(2026, 10, 24, 12);
    expect(chooseTeamNow(always, 'th-TH', now, holidays)?.team.id).toBe('apac');
    expect(chooseTeamNow(always, 'pt-BR', now, holidays)?.team.id).toBe('emea');
    expect(chooseTeamNow(always, 'pt-PT', now, holidays)?.team.id).toBe('emea');
    expect(chooseTeamNow(always, 'sw', now, holidays)?.team.id).toBe('apac');
    expect(chooseTeamNow([], 'en', now, holidays)).toBeNull();
  });

  it('tells the customer in their language and their own time zone when they will be answered', () => {
    const opensAt = at('2026-11-30T09:00', 'Asia/Bangkok');
    expect(afterHoursReply('th-TH', opensAt, 'Asia/Bangkok')).toContain('30 พฤศจิกายน เวลา 9:00');
    expect(afterHoursReply('th-TH', opensAt, 'Asia/Bangkok')).toMatch(/^ขอบคุณสำหรับข้อความ/);
    expect(afterHoursReply('de-DE', opensAt, 'Europe/Berlin')).toMatch(/Montag, 30. November um 0?3:00/);
    expect(afterHoursReply('sw', null, 'UTC')).toBe('Thank you for your message. Our team is away right now and will answer you as soon as it is back.');
  });
});
