import { describe, expect, it } from 'vitest';
import { viberSignature } from './signing.js';

/** The vector in Viber's official Node.js SDK (Viber/viber-bot-node, test/message/message-validator-test.js). */
const SDK_VECTOR = {
  authToken: '44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3',
  body: '{"event":"webhook","timestamp":4977069964384421269,"message_token":1478683725125}',
  signature: 'd21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ef',
};

describe("the Viber fake's signer", () => {
  it("reproduces the signature in Viber's SDK tests", () => {
    expect(viberSignature(SDK_VECTOR.authToken, SDK_VECTOR.body)).toBe(SDK_VECTOR.signature);
  });

  it('signs other bytes or another token differently', () => {
    expect(viberSignature(SDK_VECTOR.authToken, SDK_VECTOR.body.replace('4977069964384421269', '4977069964384421268'))).not.toBe(SDK_VECTOR.signature);
    expect(viberSignature(SDK_VECTOR.authToken + 'x', SDK_VECTOR.body)).not.toBe(SDK_VECTOR.signature);
  });
});
