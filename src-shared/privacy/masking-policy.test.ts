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
