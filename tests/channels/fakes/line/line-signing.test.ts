import { describe, expect, it } from 'vitest';
import { lineSignature } from './signing.js';

/**
 * The vector in LINE's official Node.js SDK (line/line-bot-sdk-nodejs, test/validate-signature.spec.ts):
 * the body JSON.stringify({ hello: 'world' }) with the channel secret "test_secret".
 */
const SDK_VECTOR = { body: JSON.stringify({ hello: 'world' }), secret: 'test_secret', signature: 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=' };

describe("the LINE fake's signer", () => {
  it("reproduces the signature in LINE's SDK tests", () => {
    expect(lineSignature(SDK_VECTOR.secret, SDK_VECTOR.body)).toBe(SDK_VECTOR.signature);
  });

  it('signs other bytes or another secret differently', () => {
    expect(lineSignature(SDK_VECTOR.secret, JSON.stringify({ hello: 'World' }))).not.toBe(SDK_VECTOR.signature);
    expect(lineSignature('test_secret2', SDK_VECTOR.body)).not.toBe(SDK_VECTOR.signature);
  });

  it('signs the UTF-8 bytes of a Thai or Japanese body', () => {
    const body = JSON.stringify({ text: 'สวัสดี こんにちは' });
    expect(lineSignature(SDK_VECTOR.secret, body)).not.toBe(lineSignature(SDK_VECTOR.secret, Buffer.from(body, 'utf8').toString('latin1')));
  });
});
