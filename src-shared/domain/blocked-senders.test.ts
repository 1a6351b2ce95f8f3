import { describe, expect, it } from 'vitest';
import { isBlockedSender, normalizeBlockValue } from './blocked-senders.js';

const list = [
  { kind: 'domain' as const, value: 'spam.example' },
  { kind: 'address' as const, value: 'noreply@shop.example' },
  { kind: 'domain' as const, value: 'xn--mller-kva.example' },
];

describe('isBlockedSender', () => {
  it('blocks an address in any case, bare or with a display name', () => {
    expect(isBlockedSender('NoReply@Shop.Example', list)).toBe(true);
    expect(isBlockedSender('"Shop" <noreply@SHOP.example>', list)).toBe(true);
    expect(isBlockedSender('orders@shop.example', list)).toBe(false);
  });

  it('blocks a domain and every subdomain, but not a domain that merely ends alike', () => {
    expect(isBlockedSender('a@spam.example', list)).toBe(true);
    expect(isBlockedSender('a@mx.eu.SPAM.example', list)).toBe(true);
    expect(isBlockedSender('a@notspam.example', list)).toBe(false);
    expect(isBlockedSender('a@spam.example.org', list)).toBe(false);
  });

  it('reads an IDN domain written in Unicode or in punycode as one', () => {
    expect(isBlockedSender('hans@Müller.example', list)).toBe(true);
    expect(isBlockedSender('hans@shop.xn--mller-kva.example', list)).toBe(true);
    expect(isBlockedSender('hans@mueller.example', list)).toBe(false);
  });

  it('blocks nothing it cannot read, and nothing on an empty list', () => {
    expect(isBlockedSender('not an address', list)).toBe(false);
    expect(isBlockedSender('', list)).toBe(false);
    expect(isBlockedSender('a@spam.example', [])).toBe(false);
  });
});

describe('normalizeBlockValue', () => {
  it('reads addresses and domains as an administrator types them', () => {
    expect(normalizeBlockValue(' Boss@Müller.Example ')).toEqual({ kind: 'address', value: 'boss@xn--mller-kva.example' });
    expect(normalizeBlockValue('@Spam.Example')).toEqual({ kind: 'domain', value: 'spam.example' });
    expect(normalizeBlockValue('*.spam.example')).toEqual({ kind: 'domain', value: 'spam.example' });
    expect(normalizeBlockValue('例え.jp')).toEqual({ kind: 'domain', value: 'xn--r8jz45g.jp' });
  });

  it('refuses what is neither', () => {
    for (const input of ['', 'localhost', 'a b.example', 'http://x.example/', '@', 'x@', '10.0.0.1', 'a@b@']) expect(normalizeBlockValue(input)).toBeNull();
  });
});
