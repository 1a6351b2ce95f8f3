import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { policyFromForm, retentionForm } from './retention-form.js';

let t: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en } }, lng: 'en', interpolation: { escapeValue: false } });
  t = instance.t;
});

describe('the retention form', () => {
  it('reads markets and their days, and shows a stored policy the same way', () => {
    const read = policyFromForm({ action: 'anonymise', defaultDays: '365', markets: [{ market: 'DE', days: '30' }, { market: 'TH', days: ' 90' }] }, t);
    expect(read).toEqual({ policy: { action: 'anonymise', defaultDays: 365, markets: [{ market: 'DE', days: 30 }, { market: 'TH', days: 90 }] } });
    if (!('policy' in read) || read.policy === null) throw new Error('expected a policy');
    expect(retentionForm(read.policy)).toEqual({ action: 'anonymise', defaultDays: '365', markets: [{ market: 'DE', days: '30' }, { market: 'TH', days: '90' }] });
  });

  it('keeps conversations until erased when so chosen, whatever else was typed', () => {
    expect(policyFromForm({ action: 'keep', defaultDays: 'x', markets: [{ market: 'DE', days: '' }] }, t)).toEqual({ policy: null });
    expect(retentionForm(null)).toEqual({ action: 'keep', defaultDays: '', markets: [] });
  });

  it("names each field's problem in plain words instead of saving what it cannot read", () => {
    expect(policyFromForm({ action: 'delete', defaultDays: '0', markets: [{ market: 'DE', days: '' }, { market: 'TH', days: '2.5' }, { market: 'BR', days: '60' }] }, t)).toEqual({
      errors: { defaultDays: 'Enter 1 or more.', 'market.DE': 'Enter a number.', 'market.TH': 'Enter a whole number.' },
    });
    expect(policyFromForm({ action: 'delete', defaultDays: '40000', markets: [] }, t)).toEqual({ errors: { defaultDays: 'Enter 36500 or less.' } });
  });
});
