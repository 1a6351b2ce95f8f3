import { describe, expect, it } from 'vitest';
import { findPersonalData } from './find-personal-data.js';
import { maskPersonalData } from './mask-personal-data.js';

const kinds = (text: string, market?: string) => findPersonalData(text, { market }).map((span) => [span.kind, span.value]);

describe('finding personal data in messages', () => {
  it('finds numbers that pass their checks, and leaves order, tracking and invoice numbers alone', () => {
    expect(kinds('Card 5555 5555 5555 4444 and order 5555 5555 5555 4445')).toEqual([['card', '5555 5555 5555 4444']]);
    expect(kinds('tracking 1Z999AA10123456784, invoice 2024-000123', 'DE')).toEqual([]);
    expect(kinds('CPF 529.982.247-25', 'BR')).toEqual([['cpf', '529.982.247-25']]);
  });

  it('takes a 13-digit Visa number as a card, but not a mobile number written with its country code and no "+"', () => {
    expect(kinds('old card 4222222222222')).toEqual([['card', '4222222222222']]);
    // +49 1511 2345678 (a German mobile) passes Luhn too; as digits alone it is a number, not a card.
    expect(kinds('my WhatsApp 4915112345678 #3').map(([kind]) => kind)).not.toContain('card');
  });

  it('gives offsets in the text as written, with full-width and Thai digits', () => {
    const text = 'カード番号は５５５５－５５５５－５５５５－４４４４です';
    const [span] = findPersonalData(text);
    expect(span).toMatchObject({ kind: 'card', value: '５５５５－５５５５－５５５５－４４４４' });
    expect(text.slice(span!.start, span!.end)).toBe(span!.value);
    expect(kinds('เบอร์ ๐๘๑-๒๓๔-๕๖๗๘ ค่ะ', 'TH')).toEqual([['phone', '๐๘๑-๒๓๔-๕๖๗๘']]);
  });

  it('separates a number from what follows it in the same run of digits', () => {
    expect(kinds('card 4111 1111 1111 1111 2025')).toEqual([['card', '4111 1111 1111 1111']]);
    expect(kinds('IBAN GB82 WEST 1234 5698 7654 32 THANKS')).toEqual([['iban', 'GB82 WEST 1234 5698 7654 32']]);
  });

  it('takes a passport number only where the text says passport', () => {
    expect(kinds('护照号码E12345678，订单E12345679')).toEqual([['passport', 'E12345678']]);
    expect(kinds('My passport number is X1234567.')).toEqual([['passport', 'X1234567']]);
  });

  it('reads national phone numbers in the customer’s market only; "+" numbers anywhere', () => {
    expect(kinds('ligue (11) 98765-4321', 'BR')).toEqual([['phone', '(11) 98765-4321']]);
    expect(kinds('ligue (11) 98765-4321')).toEqual([]);
    expect(kinds('call +44 7911 123456')).toEqual([['phone', '+44 7911 123456']]);
  });

  it('masks the chosen kinds to their last four characters, an email to its domain', () => {
    const { text, masked } = maskPersonalData('card 4111 1111 1111 1111, mail kim@example.com, +44 7911 123456', new Set(['card', 'email'] as const));
    expect(text).toBe('card •••• 1111, mail •••@example.com, +44 7911 123456');
    expect(masked.map((span) => span.kind)).toEqual(['card', 'email']);
  });
});
