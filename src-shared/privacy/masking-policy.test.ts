import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './mask-personal-data.js';
import { maskedTokensIn } from './masked-tokens.js';
import { DEFAULT_MASKING_POLICY, maskableKindOf, maskedKindsFor, MaskingPolicy } from './masking-policy.js';

describe('a masking policy', () => {
  it('masks cards for everyone and IBANs and national ids for agents by default', () => {
    expect([...maskedKindsFor(DEFAULT_MASKING_POLICY, 'agent')].sort()).toEqual(['aadhaar', 'card', 'cn_resident_id', 'cpf', 'iban', 'th_citizen_id', 'us_ssn']);
    expect([...maskedKindsFor(DEFAULT_MASKING_POLICY, 'supervisor')]).toEqual(['card']);
    expect(maskableKindOf('cpf')).toBe('national_id');
    expect(maskableKindOf('phone')).toBe('phone');
  });

  it('refuses a policy that leaves card numbers clear, names a kind twice, or names an unknown kind', () => {
    const valid = { agent: ['card', 'phone'], supervisor: ['card'], admin: ['card'] };
    expect(MaskingPolicy.safeParse(valid).success).toBe(true);
    expect(MaskingPolicy.safeParse({ ...valid, admin: ['phone'] }).error?.issues[0]?.message).toBe('card numbers are masked for every role');
    expect(MaskingPolicy.safeParse({ ...valid, agent: ['card', 'card'] }).success).toBe(false);
    expect(MaskingPolicy.safeParse({ ...valid, agent: ['card', 'cpf'] }).success).toBe(false);
    expect(MaskingPolicy.safeParse({ ...valid, owner: ['card'] }).success).toBe(false);
  });

  it('lets a desk find every masked value in a masked text, and nothing in plain text', () => {
    const { text } = maskPersonalData('card 4111 1111 1111 1111, mail kim@example.com.', new Set(['card', 'email'] as const));
    expect(maskedTokensIn(text).map((token) => [token.token, text.slice(token.start, token.end)])).toEqual([
      ['•••• 1111', '•••• 1111'],
      ['•••@example.com', '•••@example.com'],
    ]);
    expect(maskedTokensIn('order 1111, mail kim@example.com')).toEqual([]);
  });
});

describe('the cheap look before the detector', () => {
  it('passes every labelled value of the fixtures for its kind, and skips texts with too few digits', async () => {
    const { mayHoldAny } = await import('./worth-masking.js');
    const { findPersonalData } = await import('./find-personal-data.js');
    const samples = ['card ５５５５－５５５５－５５５５－４４４４', 'IBAN GB82 WEST 1234 5698 7654 32', 'SSN 123-45-6789', 'call +683 4002', 'mail kim@example.com', 'My passport number is X1234567.', 'CPF 529.982.247-25', 'เบอร์ ๐๘๑-๒๓๔-๕๖๗๘'];
    for (const text of samples) {
      for (const span of findPersonalData(text, { market: 'TH' })) expect(mayHoldAny(text, new Set([span.kind])), `${span.kind} in ${text}`).toBe(true);
    }
    expect(mayHoldAny('order 12345 is late', new Set(['card', 'iban', 'us_ssn']))).toBe(false);
    expect(mayHoldAny('no digits at all', new Set(['passport', 'phone']))).toBe(false);
  });
});
