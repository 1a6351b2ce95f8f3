import { describe, expect, it } from 'vitest';
import { twilioConfigFromEnv } from './twilio-config.js';

const ENV = {
  TWILIO_TENANT: 'acme',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_API_KEY_SID: 'SK0123456789abcdef0123456789abcdef',
  TWILIO_API_KEY_SECRET: 'api-key-secret-0123456789',
  TWILIO_TWIML_APP_SID: 'AP0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: 'auth-token-0123456789abcdef',
  TWILIO_PUBLIC_URL: 'https://relay.example.com/',
  TWILIO_CALLER_ID: '+4930123456',
};

describe('Twilio Voice from the environment', () => {
  it('is off without any TWILIO_* variable', () => {
    expect(twilioConfigFromEnv({ RELAY_PORT: '8787' })).toBeUndefined();
  });

  it('reads all eight, the public address without its trailing slash', () => {
    expect(twilioConfigFromEnv(ENV)).toEqual({
      tenantId: 'acme',
      accountSid: ENV.TWILIO_ACCOUNT_SID,
      apiKeySid: ENV.TWILIO_API_KEY_SID,
      apiKeySecret: ENV.TWILIO_API_KEY_SECRET,
      twimlAppSid: ENV.TWILIO_TWIML_APP_SID,
      authToken: ENV.TWILIO_AUTH_TOKEN,
      publicUrl: 'https://relay.example.com',
      callerId: '+4930123456',
    });
  });

  it("reads the REST API's address when given: https, or http to this machine only", () => {
    expect(twilioConfigFromEnv({ ...ENV, TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/' })?.apiBaseUrl).toBe('http://127.0.0.1:4010');
    expect(twilioConfigFromEnv({ ...ENV, TWILIO_API_BASE_URL: 'https://api.twilio.example' })?.apiBaseUrl).toBe('https://api.twilio.example');
    expect(() => twilioConfigFromEnv({ ...ENV, TWILIO_API_BASE_URL: 'http://api.twilio.example' })).toThrow(/TWILIO_API_BASE_URL: expected https, or http to this machine only/);
    // Alone it turns nothing on.
    expect(twilioConfigFromEnv({ TWILIO_API_BASE_URL: 'https://api.twilio.example' })).toBeUndefined();
  });

  it('names what is missing from a partial set', () => {
    const { TWILIO_AUTH_TOKEN: _token, TWILIO_CALLER_ID: _callerId, ...partial } = ENV;
    expect(() => twilioConfigFromEnv(partial)).toThrow('missing: TWILIO_AUTH_TOKEN, TWILIO_CALLER_ID.');
  });

  it('names the variables holding malformed values', () => {
    const wrong = { ...ENV, TWILIO_PUBLIC_URL: 'http://relay.example.com', TWILIO_CALLER_ID: '030 123456', TWILIO_API_KEY_SID: 'AC0123456789abcdef0123456789abcdef' };
    expect(() => twilioConfigFromEnv(wrong)).toThrow(/^Twilio Voice is set up wrongly: TWILIO_API_KEY_SID: .+; TWILIO_PUBLIC_URL: .+; TWILIO_CALLER_ID: .+\.$/);
  });
});
