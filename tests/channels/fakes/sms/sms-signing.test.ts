import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioSignature } from './signing.js';

/**
 * Twilio's worked example (auth token 12345, this URL, these parameters). Two versions of the
 * example circulate: Caller/From +14158675309 (twilio-node's spec/validation.spec.js, and the
 * project's src-relay/telephony/twilio-signature.test.ts) and +14158675310 (the webhook security
 * page as quoted by many SDK tests). Both are checked.
 */
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = (phone: string) => ({ CallSid: 'CA1234567890ABCDE', Caller: phone, Digits: '1234', From: phone, To: '+18005551212' });
const VECTORS = [
  { params: params('+14158675309'), signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
  { params: params('+14158675310'), signature: 'GvWf1cFY/Q7PnoempGyD5oXAezc=' },
];

describe("the SMS (Twilio) fake's signer", () => {
  it("reproduces Twilio's documented signatures", () => {
    for (const vector of VECTORS) expect(twilioSignature('12345', URL, vector.params)).toBe(vector.signature);
  });

  it("reproduces twilio-node's vector for a parameter sent twice (values sorted)", () => {
    // twilio-node spec/validation.spec.js: "should validate request body with an array parameter".
    const repeated = { 'MessagingBinding.Address': ['+1415xxxxxxx', '+1325xxxxxxx'] };
    expect(twilioSignature('12345', URL, repeated)).toBe('83O6e2vORAoJHUNzJjDWN1jz+BA=');
  });

  it('agrees with twilio-node on an inbound SMS with media, and differs when anything changes', () => {
    const url = 'http://127.0.0.1:4321/channels/sms/acme?x=1';
    const form = { Body: 'Olá, 你好', From: '+5511999990000', To: '+15005550006', NumMedia: '1', MediaUrl0: 'http://127.0.0.1:1/m' };
    const signature = twilioSignature('token-a', url, form);
    expect(twilio.validateRequest('token-a', signature, url, form)).toBe(true);
    expect(twilio.validateRequest('token-b', signature, url, form)).toBe(false);
    expect(twilio.validateRequest('token-a', signature, url, { ...form, Body: 'Olá' })).toBe(false);
    expect(twilio.validateRequest('token-a', signature, url.replace('x=1', 'x=2'), form)).toBe(false);
  });
});
