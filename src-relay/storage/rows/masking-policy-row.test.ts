import { describe, expect, it } from 'vitest';
import { parseMaskingPolicy } from './masking-policy-row.js';

describe('a stored masking policy', () => {
  it('reads back as stored, null as the default, and anything unreadable as everything masked', () => {
    expect(parseMaskingPolicy(null)).toBeNull();
    expect(parseMaskingPolicy('{"agent":["card"],"supervisor":["card"],"admin":["card"]}')).toEqual({ agent: ['card'], supervisor: ['card'], admin: ['card'] });
    for (const broken of ['{', '{"agent":["phone"],"supervisor":["card"],"admin":["card"]}']) {
      expect(parseMaskingPolicy(broken)?.admin).toEqual(['card', 'iban', 'phone', 'email', 'national_id', 'passport']);
    }
  });
});
