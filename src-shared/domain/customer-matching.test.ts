import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identitiesOfChannelUser, isFullName, matchCustomer, normalName, type IdentityHolder, type NamedCustomer, type Newcomer } from './customer-matching.js';
import { channelIdentity, channelOfIdentity, normalEmail, type CustomerIdentity } from './customers.js';
import { phoneNumberOf, phoneOfChannelUser } from './phone-numbers.js';

const phone = (value: string, verified = true): CustomerIdentity => ({ kind: 'phone', value, verified });
const email = (value: string, verified = true): CustomerIdentity => ({ kind: 'email', value, verified });
const holder = (customerId: string, identity: CustomerIdentity): IdentityHolder => ({ customerId, identity });
const newcomer = (identities: CustomerIdentity[], name = 'Kim Weber', market: string | null = 'DE'): Newcomer => ({ name, market, identities });
const named = (id: string, name: string, market: string | null, createdAt = 1): NamedCustomer => ({ id, name, market, createdAt });

describe('phone numbers', () => {
  it('reads international digits, with or without "+", and separators, into E.164 with the country', () => {
    expect(phoneNumberOf('4915112345678')).toEqual({ e164: '+4915112345678', country: 'DE' });
    expect(phoneNumberOf('+1 (415) 555-2671')).toEqual({ e164: '+14155552671', country: 'US' });
    expect(phoneNumberOf('0812345678', 'TH')).toEqual({ e164: '+66812345678', country: 'TH' });
  });

  it('refuses what is no valid number: too short, a Viber or Telegram id, letters', () => {
    for (const raw of ['123456789', '01234567890A=', '@kimweber', '+999123', '', 'Kim']) expect(phoneNumberOf(raw)).toBeNull();
  });

  it('takes the user id for a proven number on WhatsApp, SMS and Viber only', () => {
    expect(phoneOfChannelUser('whatsapp', '4915112345678')?.e164).toBe('+4915112345678');
    expect(phoneOfChannelUser('sms', '+4915112345678')?.e164).toBe('+4915112345678');
    expect(phoneOfChannelUser('viber', '01234567890A=')).toBeNull();
    // A Telegram chat id may look like a number; it is none.
    expect(phoneOfChannelUser('telegram', '4915112345678')).toBeNull();
  });
});

describe('identities', () => {
  it('names a channel user by channel, account and id, and reads the channel back for its badge', () => {
    const identity = channelIdentity('line', 'acct-1', 'U4af4980629');
    expect(identity).toEqual({ kind: 'channel', value: 'line:acct-1:U4af4980629', verified: true });
    expect(channelOfIdentity(identity)).toBe('line');
    expect(channelOfIdentity(phone('+4915112345678'))).toBeNull();
  });

  it('gives a WhatsApp user their number as a verified phone, a LINE user none, an email sender an unverified email', () => {
    expect(identitiesOfChannelUser('whatsapp', 'wa', '4915112345678')).toEqual([channelIdentity('whatsapp', 'wa', '4915112345678'), phone('+4915112345678')]);
    expect(identitiesOfChannelUser('line', 'ln', 'U4af4980629')).toEqual([channelIdentity('line', 'ln', 'U4af4980629')]);
    // A From address proves nothing: an email identity, unverified.
    expect(identitiesOfChannelUser('email', 'em', 'Kim@Example.com')).toEqual([channelIdentity('email', 'em', 'Kim@Example.com'), { kind: 'email', value: 'kim@example.com', verified: false }]);
  });

  it('keeps one spelling of an email address', () => {
    expect(normalEmail('  Kim.Weber@Example.DE ')).toBe('kim.weber@example.de');
    expect(normalEmail('kim@localhost')).toBeNull();
    expect(normalEmail('not an email')).toBeNull();
  });
});

describe('matching a newcomer to a customer', () => {
  it('links a verified phone held verified by a customer', () => {
    expect(matchCustomer(newcomer([phone('+4915112345678')]), [holder('kim', phone('+4915112345678'))], [])).toEqual({ kind: 'link', customerId: 'kim', by: 'phone' });
  });

  it('links a verified email held verified, when no phone proves anything', () => {
    const match = matchCustomer(newcomer([phone('+4915100000000'), email('kim@example.de')]), [holder('kim', email('kim@example.de'))], []);
    expect(match).toEqual({ kind: 'link', customerId: 'kim', by: 'email' });
  });

  it('prefers the phone when phone and email prove two different customers', () => {
    const holders = [holder('by-email', email('kim@example.de')), holder('by-phone', phone('+4915112345678'))];
    expect(matchCustomer(newcomer([email('kim@example.de'), phone('+4915112345678')]), holders, [])).toMatchObject({ customerId: 'by-phone', by: 'phone' });
  });

  it('only suggests when either side of a phone or email is unverified', () => {
    expect(matchCustomer(newcomer([phone('+4915112345678')]), [holder('kim', phone('+4915112345678', false))], [])).toEqual({ kind: 'suggest', customerId: 'kim', reason: 'phone' });
    expect(matchCustomer(newcomer([email('kim@example.de', false)]), [holder('kim', email('kim@example.de'))], [])).toEqual({ kind: 'suggest', customerId: 'kim', reason: 'email' });
  });

  it('suggests the oldest namesake with a full name in a market that fits', () => {
    const namesakes = [named('newer', 'kim  WEBER', null, 5), named('other-market', 'Kim Weber', 'FR', 1), named('older', 'Kim Weber', 'DE', 2)];
    expect(matchCustomer(newcomer([]), [], namesakes)).toEqual({ kind: 'suggest', customerId: 'older', reason: 'name' });
    expect(matchCustomer(newcomer([], 'Kim Weber', null), [], [named('fr', 'Kim Weber', 'FR')])).toEqual({ kind: 'suggest', customerId: 'fr', reason: 'name' });
    expect(matchCustomer(newcomer([], 'Kim'), [], [named('kim', 'Kim', 'DE')])).toEqual({ kind: 'none' });
    expect(matchCustomer(newcomer([], '王小明', 'CN'), [], [named('wang', '王小明', null)])).toEqual({ kind: 'suggest', customerId: 'wang', reason: 'name' });
  });

  it('calls a name full only with two words, or three characters of a script written without spaces', () => {
    expect([normalName('  Kim\u00a0 Weber '), isFullName('kim weber'), isFullName('kim'), isFullName('+49 151'), isFullName('สมชาย ใจดี'), isFullName('สมชาย'), isFullName('王明')]).toEqual(['kim weber', true, false, false, true, false, false]);
  });

  const values = ['+4915112345678', '+66812345678', 'kim@example.de', 'nok@example.th'];
  const identity = fc.record({ kind: fc.constantFrom('phone' as const, 'email' as const), value: fc.constantFrom(...values), verified: fc.boolean() });
  const holders = fc.array(fc.record({ customerId: fc.constantFrom('a', 'b', 'c', 'd'), identity }), { maxLength: 8 });
  const someone = fc.record({ name: fc.constantFrom('Kim Weber', 'Kim', 'Nok Saelim'), market: fc.constantFrom(null, 'DE', 'TH'), identities: fc.array(identity, { maxLength: 3 }) });
  const namesakes = fc.array(fc.record({ id: fc.constantFrom('e', 'f', 'g'), name: fc.constantFrom('Kim Weber', 'kim weber', 'Nok Saelim'), market: fc.constantFrom(null, 'DE', 'TH'), createdAt: fc.nat(10) }), { maxLength: 4 });

  it('links only through a value verified on both sides, and never to anyone it was not given', () => {
    fc.assert(
      fc.property(someone, holders, namesakes, (who, held, names) => {
        const match = matchCustomer(who, held, names);
        if (match.kind === 'link') {
          expect(who.identities.some((mine) => mine.verified && held.some((h) => h.customerId === match.customerId && h.identity.verified && h.identity.value === mine.value && h.identity.kind === mine.kind))).toBe(true);
        }
        if (match.kind !== 'none') expect([...held.map((h) => h.customerId), ...names.map((n) => n.id)]).toContain(match.customerId);
      }),
    );
  });

  it('decides the same whatever order the holders and namesakes come in', () => {
    fc.assert(
      fc.property(someone, holders, namesakes, (who, held, names) => {
        expect(matchCustomer(who, [...held].reverse(), [...names].reverse())).toEqual(matchCustomer(who, held, names));
      }),
    );
  });
});
