import { describe, expect, it } from 'vitest';
import { twilioSignature } from '../testing/twilio-webhooks.js';
import { isSignedByTwilio } from './twilio-signature.js';

/**
 * Twilio's published example: auth token "12345", this URL and these parameters sign to this value
 * (the Webhooks security docs; twilio-php and twilio-csharp test it as RequestValidatorTest).
 */
const DOCUMENTED = {
  authToken: '12345',
  origin: 'https://mycompany.com',
  path: '/myapp.php?foo=1&bar=2',
  params: { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' },
  signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
};

const request = (params: Record<string, string>, signature?: string, path = DOCUMENTED.path) => ({
  url: path,
  headers: signature === undefined ? {} : { 'x-twilio-signature': signature },
  body: params,
});

describe("Twilio's webhook signature", () => {
  it('accepts the documented example, signed for the public address and the path asked for', () => {
    expect(isSignedByTwilio(DOCUMENTED.authToken, DOCUMENTED.origin, request(DOCUMENTED.params, DOCUMENTED.signature))).toBe(true);
  });

  it('refuses the example with a parameter changed, added or dropped, another path, another token, or no signature', () => {
    const { CallSid: _dropped, ...withoutCallSid } = DOCUMENTED.params;
    const refused = [
      request({ ...DOCUMENTED.params, Digits: '9999' }, DOCUMENTED.signature),
      request({ ...DOCUMENTED.params, Extra: '1' }, DOCUMENTED.signature),
      request(withoutCallSid, DOCUMENTED.signature),
      request(DOCUMENTED.params, DOCUMENTED.signature, '/myapp.php?foo=1&bar=3'),
      request(DOCUMENTED.params),
      request(DOCUMENTED.params, ''),
    ];
    for (const r of refused) expect(isSignedByTwilio(DOCUMENTED.authToken, DOCUMENTED.origin, r)).toBe(false);
    expect(isSignedByTwilio('54321', DOCUMENTED.origin, request(DOCUMENTED.params, DOCUMENTED.signature))).toBe(false);
  });

  it("the tests' own signer reproduces the documented signature, so route tests sign as Twilio does", () => {
    expect(twilioSignature(DOCUMENTED.authToken, DOCUMENTED.origin + DOCUMENTED.path, DOCUMENTED.params)).toBe(DOCUMENTED.signature);
  });
});
