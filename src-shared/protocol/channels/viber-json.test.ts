import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteMessageTokens, readViberJson } from './viber-json.js';

describe("Viber's JSON, read without losing a message_token's digits", () => {
  it('keeps a token above 2^53 whole, where JSON.parse rounds it', () => {
    const raw = '{"event":"delivered","timestamp":1457764197627,"message_token":4912661846655238145,"user_id":"01234567890A="}';
    expect(String((JSON.parse(raw) as { message_token: number }).message_token)).toBe('4912661846655238000');
    expect(readViberJson(raw)).toEqual({ ok: true, value: { event: 'delivered', timestamp: 1457764197627, message_token: '4912661846655238145', user_id: '01234567890A=' } });
  });

  it('quotes the token wherever it is, with spaces around, and nothing inside strings', () => {
    expect(quoteMessageTokens('{ "message_token" : 18446744073709551615 ,"a":{"message_token":7}}')).toBe('{ "message_token" : "18446744073709551615" ,"a":{"message_token":"7"}}');
    const typed = '{"message":{"text":"my \\"message_token\\":123 and \\\\"},"message_token":9007199254740993}';
    expect(readViberJson(typed)).toEqual({ ok: true, value: { message: { text: 'my "message_token":123 and \\' }, message_token: '9007199254740993' } });
    // Not an integer: left for the schema to refuse.
    expect(quoteMessageTokens('{"message_token":1.5}')).toBe('{"message_token":1.5}');
    expect(quoteMessageTokens('{"message_token":"123"}')).toBe('{"message_token":"123"}');
    expect(readViberJson('{"message_token":')).toEqual({ ok: false });
  });

  it('reads any 64-bit token exactly, and any text beside it as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.string(), fc.constantFrom('', ' ', '\n  '), (token, text, space) => {
        const raw = `{"event":"message","message":{"type":"text","text":${JSON.stringify(text)}},"message_token":${space}${token}${space},"silent":false}`;
        expect(readViberJson(raw)).toEqual({ ok: true, value: { event: 'message', message: { type: 'text', text }, message_token: token.toString(), silent: false } });
      }),
    );
  });
});
