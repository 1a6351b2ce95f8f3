import twilio from 'twilio';

/** What of a webhook request the signature covers. */
export interface SignedRequest {
  /** The path and query the relay was asked for. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The form parameters. */
  body: unknown;
}

/**
 * True when X-Twilio-Signature is Twilio's HMAC of the address it called (our public address,
 * not the one we listen on behind a proxy) and every form parameter, keyed with the auth token.
 */
export function isSignedByTwilio(authToken: string, publicUrl: string, request: SignedRequest): boolean {
  const signature = request.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') return false;
  const params = typeof request.body === 'object' && request.body !== null ? request.body : {};
  return twilio.validateRequest(authToken, signature, publicUrl + request.url, params);
}
