import { describe, expect, it } from 'vitest';
import { policyFromForm, retentionForm } from './retention-form.js';

describe('the retention form', () => {
  it('reads markets and days as people type them, and writes them back the same way', () => {
    const read = policyFromForm({ action: 'anonymise', defaultDays: '365', markets: 'de 30, TH=90; br: 60' });
    expect(read).toEqual({ policy: { action: 'anonymise', defaultDays: 365, markets: [{ market: 'DE', days: 30 }, { market: 'TH', days: 90 }, { market: 'BR', days: 60 }] } });
    if (!('policy' in read) || read.policy === null) throw new Error('expected a policy');
    expect(retentionForm(read.policy)).toEqual({ action: 'anonymise', defaultDays: '365', markets: 'DE 30, TH 90, BR 60' });
  });

  it('keeps conversations until erased when so chosen, whatever else was typed', () => {
    expect(policyFromForm({ action: 'keep', defaultDays: 'x', markets: 'nonsense' })).toEqual({ policy: null });
    expect(retentionForm(null)).toEqual({ action: 'keep', defaultDays: '', markets: '' });
  });

  it('names the problem instead of saving what it cannot read', () => {
    expect(policyFromForm({ action: 'delete', defaultDays: '', markets: 'Germany' })).toEqual({ error: expect.stringContaining('Germany') });
    expect(policyFromForm({ action: 'delete', defaultDays: '', markets: 'DE thirty' })).toEqual({ error: expect.stringContaining('DE thirty') });
    expect(policyFromForm({ action: 'delete', defaultDays: '0', markets: '' })).toEqual({ error: expect.any(String) });
    expect(policyFromForm({ action: 'delete', defaultDays: '', markets: 'DE 30, DE 60' })).toEqual({ error: expect.stringContaining('once') });
  });
});
