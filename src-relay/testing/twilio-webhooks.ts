import { createHmac } from 'node:crypto';
import type { TwilioConfig } from '../telephony/twilio-config.js';

/** A Twilio Voice set-up for Acme in tests; nothing here reaches Twilio. */
export const ACME_TWILIO: TwilioConfig = {
  tenantId: 'acme',
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  apiKeySid: 'SK0123456789abcdef0123456789abcdef',
  apiKeySecret: 'test-api-key-secret-0123456789',
  twimlAppSid: 'AP0123456789abcdef0123456789abcdef',
  authToken: 'test-auth-token-0123456789abcdef',
  publicUrl: 'https://relay.acme.test',
  callerId: '+15005550006',
};

/**
 * Twilio's signing scheme as its "Webhooks security" page describes it, written out here rather
 * than taken from the library the relay checks with: the full URL, then every parameter name and
 * value sorted by name, HMAC-SHA1 keyed with the auth token, base64.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
  return createHmac('sha1', authToken).update(data).digest('base64');
}

/** Posts a webhook as Twilio would: a form, signed for the public address (or with `signature`, null for none). */
export async function postWebhook(
  relayUrl: string,
  path: string,
  params: Record<string, string>,
  signature: string | null = twilioSignature(ACME_TWILIO.authToken, ACME_TWILIO.publicUrl + path, params),
): Promise<{ status: number; contentType: string | null; body: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const response = await fetch(relayUrl + path, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}
