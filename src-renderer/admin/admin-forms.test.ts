import { describe, expect, it } from 'vitest';
import { hoursForm, periodsToText, scheduleFromForm, splitList, textToCodes, textToPeriods } from './admin-forms.js';

describe('admin forms', () => {
  it('reads periods as people type them, and writes them back the same way', () => {
    expect(textToPeriods('9:00-12:30, 13:30 – 18:00')).toEqual({ periods: [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }] });
    expect(textToPeriods('22:00-02:00')).toEqual({ periods: [{ start: '22:00', end: '02:00' }] });
    expect(textToPeriods('')).toEqual({ periods: [] });
    expect(textToPeriods('9-17')).toEqual({ invalid: '9-17' });
    expect(periodsToText([{ start: '09:00', end: '17:00' }, { start: '22:00', end: '02:00' }])).toBe('09:00-17:00, 22:00-02:00');
  });

  it('reads region codes and words in any separator', () => {
    expect(textToCodes('de, at us-ca')).toEqual(['DE', 'AT', 'US-CA']);
    expect(splitList(' refund;  delivery ,')).toEqual(['refund', 'delivery']);
  });

  it('turns a form into a schedule the relay accepts, or names the problem', () => {
    const form = hoursForm(null, 'Europe/Berlin');
    expect(scheduleFromForm(form)).toEqual({ schedule: null });
    form.alwaysOpen = false;
    form.hours.mon = '08:00-16:00';
    form.hours.sat = '22:00-02:00';
    form.holidayMarkets = 'de';
    expect(scheduleFromForm(form)).toEqual({
      schedule: { timeZone: 'Europe/Berlin', hours: { mon: [{ start: '08:00', end: '16:00' }], sat: [{ start: '22:00', end: '02:00' }] }, holidayMarkets: ['DE'] },
    });
    expect(scheduleFromForm({ ...form, hours: { ...form.hours, tue: '25:00-26:00' } })).toMatchObject({ error: expect.stringContaining('HH:mm') });
    expect(scheduleFromForm({ ...form, timeZone: 'Mars/Olympus' })).toMatchObject({ error: expect.stringContaining('IANA') });
    expect(scheduleFromForm({ ...form, hours: { ...form.hours, wed: 'noon' } })).toEqual({ error: 'wed: "noon" is not a period such as 09:00-17:00' });
  });

  it('shows a stored schedule in the form it came from', () => {
    const form = hoursForm({ timeZone: 'Asia/Tokyo', hours: { fri: [{ start: '09:00', end: '18:00' }] }, holidayMarkets: ['JP'] }, 'UTC');
    expect(form).toMatchObject({ alwaysOpen: false, timeZone: 'Asia/Tokyo', holidayMarkets: 'JP' });
    expect(form.hours.fri).toBe('09:00-18:00');
    expect(form.hours.mon).toBe('');
  });
});
