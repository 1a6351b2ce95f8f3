import { z } from 'zod';
import { TWILIO_API_BASE_URL, type TwilioConfig } from './twilio-config.js';

/** Below the desk's own wait for the relay (10 s), so the agent hears Twilio's answer, not a timeout. */
const TWILIO_TIMEOUT_MS = 8_000;

/** The body of Twilio's REST errors. */
const TwilioRestError = z.object({ code: z.number(), message: z.string(), more_info: z.string().optional(), status: z.number().optional() });

export type RedirectResult = { ok: true } | { ok: false; message: string };

/**
 * Makes a live call run `twiml` now, leaving whatever it was doing (Twilio's "Update a Call
 * resource": POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json, a form with Twiml,
 * Basic auth with the API key). Plain fetch rather than the `twilio` client: the client's base
 * URL is fixed to api.twilio.com (only region and edge change its host), so it could not be
 * pointed at TWILIO_API_BASE_URL without a replacement HTTP client, and this one request is all we send.
 */
export async function redirectCall(config: TwilioConfig, callSid: string, twiml: string): Promise<RedirectResult> {
  const url = `${config.apiBaseUrl ?? TWILIO_API_BASE_URL}/2010-04-01/Accounts/${config.accountSid}/Calls/${callSid}.json`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: basicAuth(config), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ Twiml: twiml }).toString(),
      signal: AbortSignal.timeout(TWILIO_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, message: `Twilio cannot be reached: ${reasonOf(error)}` };
  }
  if (response.ok) return { ok: true };
  return { ok: false, message: await refusalOf(response) };
}

/** The API key, not the auth token: Twilio recommends keys for REST requests, as they can be revoked alone. */
function basicAuth(config: TwilioConfig): string {
  return `Basic ${Buffer.from(`${config.apiKeySid}:${config.apiKeySecret}`).toString('base64')}`;
}

/** Twilio's own words and error code when it sent them, for the agent and for whoever looks the code up. */
async function refusalOf(response: Response): Promise<string> {
  const parsed = TwilioRestError.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return `Twilio refused the call change (HTTP ${response.status}).`;
  return `Twilio refused the call change: ${parsed.data.message} (Twilio error ${parsed.data.code}).`;
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'it did not answer in time';
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
