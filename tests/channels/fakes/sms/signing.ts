import { createHmac } from 'node:crypto';

/**
 * Twilio's X-Twilio-Signature, written from its "Webhooks security" page rather than taken from
 * twilio-node (which the tests use as the independent check): the full URL Twilio requested, then
 * every POST parameter name followed by its value, names sorted; a name sent several times
 * contributes each value, values sorted (twilio-node's validateRequest does the same). HMAC-SHA1
 * keyed with the auth token, base64.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name] ?? '';
    for (const one of Array.isArray(value) ? [...value].sort() : [value]) data += name + one;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}
