import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src-shared/privacy/find-personal-data.js';
import { mayHoldAny } from '../../src-shared/privacy/worth-masking.js';
import { DEFAULT_MASKING_POLICY, maskedKindsFor } from '../../src-shared/privacy/masking-policy.js';
import { maskedTokensIn } from '../../src-shared/privacy/masked-tokens.js';
import { deskMasking, maskConversation, maskEmailOriginal, maskedValueAt, maskText } from './desk-masking.js';

const agent = deskMasking(maskedKindsFor(DEFAULT_MASKING_POLICY, 'agent'));
const admin = deskMasking(maskedKindsFor(DEFAULT_MASKING_POLICY, 'admin'));

describe('masking for a desk', () => {
  it('masks by role: cards for everyone, IBANs and national ids for agents by default', () => {
    const text = 'card 4111 1111 1111 1111, CPF 529.982.247-25, IBAN GB82 WEST 1234 5698 7654 32';
    expect(maskText(text, agent)).toBe('card •••• 1111, CPF •••• 4725, IBAN •••• 5432');
    expect(maskText(text, admin)).toBe('card •••• 1111, CPF 529.982.247-25, IBAN GB82 WEST 1234 5698 7654 32');
    expect(agent.key).not.toBe(admin.key);
  });

  it('finds the value behind each masked token the desk shows, by its offset in the masked text', () => {
    const text = 'cards 4111 1111 1111 1111 and 5555 5555 5555 4444, mail kim@example.com';
    const masking = deskMasking(new Set(['card', 'email'] as const));
    const masked = maskText(text, masking);
    const tokens = maskedTokensIn(masked);
    expect(tokens.map((t) => t.token)).toEqual(['•••• 1111', '•••• 4444', '•••@example.com']);
    expect(tokens.map((t) => maskedValueAt(text, masking, t.start)?.value)).toEqual(['4111 1111 1111 1111', '5555 5555 5555 4444', 'kim@example.com']);
    expect(maskedValueAt(text, masking, tokens[0]!.start + 1)).toBeNull();
    // A value of a kind this desk sees in clear is not "masked" there.
    expect(maskedValueAt('call +44 7911 123456', masking, 5)).toBeNull();
  });

  it('leaves no digits of a card number cut off at the end of a preview', () => {
    const conversation = { lastMessagePreview: `${'x'.repeat(120)} card 4111 1111 111…` } as never;
    expect(maskConversation(conversation, admin).lastMessagePreview).toBe(`${'x'.repeat(120)} card •••…`);
  });

  it("masks an email's subject, text and HTML", () => {
    const view = { messageId: 'm', kind: 'customer' as const, from: 'kim@example.com', subject: 'Card 4111 1111 1111 1111', text: 'It is 4111 1111 1111 1111', html: '<p>It is <b>4111 1111 1111 1111</b></p>', receivedAt: 1, inlineImages: [] };
    expect(maskEmailOriginal(view, admin)).toMatchObject({ subject: 'Card •••• 1111', text: 'It is •••• 1111', html: '<p>It is <b>•••• 1111</b></p>' });
  });
});

describe('the cheap look before the detector', () => {
  it('lets through every fixture text in which the detector finds a value, for that kind, in any market', async () => {
    const fixtures = JSON.parse(await readFile('tests/privacy/fixtures/pii-fixtures.json', 'utf8')) as { text: string }[];
    let checked = 0;
    for (const { text } of fixtures) {
      for (const market of [undefined, 'BR', 'CN', 'DE', 'IN', 'TH', 'US']) {
        for (const kind of new Set(findPersonalData(text, { market }).map((span) => span.kind))) {
          expect(mayHoldAny(text, new Set([kind])), `${kind} in ${text}`).toBe(true);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
