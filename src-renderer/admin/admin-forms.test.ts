import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { hoursForm, periodsToText, scheduleFromForm, splitList, textToPeriods } from './admin-forms.js';

let t: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false } });
  t = instance.t;
});

describe('admin forms', () => {
  it('reads periods as people type them, and writes them back the same way', () => {
    expect(textToPeriods('9:00-12:30, 13:30 – 18:00')).toEqual({ periods: [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }] });
    expect(textToPeriods('22:00-02:00')).toEqual({ periods: [{ start: '22:00', end: '02:00' }] });
    expect(textToPeriods('')).toEqual({ periods: [] });
    expect(textToPeriods('9-17')).toEqual({ invalid: '9-17' });
    expect(periodsToText([{ start: '09:00', end: '17:00' }, { start: '22:00', end: '02:00' }])).toBe('09:00-17:00, 22:00-02:00');
  });

  it('reads words in any separator', () => {
    expect(splitList(' refund;  delivery ,')).toEqual(['refund', 'delivery']);
  });

  it("turns a form into a schedule the relay accepts, or names each field's problem", () => {
    const form = hoursForm(null, 'Europe/Berlin');
    expect(scheduleFromForm(form, t)).toEqual({ schedule: null });
    form.alwaysOpen = false;
    form.hours.mon = '08:00-16:00';
    form.hours.sat = '22:00-02:00';
    form.holidayMarkets = ['DE'];
    expect(scheduleFromForm(form, t)).toEqual({
      schedule: { timeZone: 'Europe/Berlin', hours: { mon: [{ start: '08:00', end: '16:00' }], sat: [{ start: '22:00', end: '02:00' }] }, holidayMarkets: ['DE'] },
    });
    expect(scheduleFromForm({ ...form, hours: { ...form.hours, tue: '25:00-26:00' } }, t)).toEqual({ errors: { 'hours.tue': 'Use times of day such as 09:00 or 17:30.' } });
    expect(scheduleFromForm({ ...form, timeZone: 'Mars/Olympus', hours: { ...form.hours, wed: 'noon' } }, t)).toEqual({
      errors: { timeZone: 'Choose a time zone from the list, such as Europe/Berlin.', 'hours.wed': '“noon” is not a time span such as 09:00-17:00.' },
    });
  });

  it('shows a stored schedule in the form it came from', () => {
    const form = hoursForm({ timeZone: 'Asia/Tokyo', hours: { fri: [{ start: '09:00', end: '18:00' }] }, holidayMarkets: ['JP'] }, 'UTC');
    expect(form).toMatchObject({ alwaysOpen: false, timeZone: 'Asia/Tokyo', holidayMarkets: ['JP'] });
    expect(form.hours.fri).toBe('09:00-18:00');
    expect(form.hours.mon).toBe('');
  });
});
