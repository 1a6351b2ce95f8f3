import { DeviceCodeAnswer, OAuth2ErrorAnswer, OAuth2TokenAnswer } from '../../../../src-shared/protocol/channels/oauth2-token.js';
import { jsonOf, requestProvider } from '../../port/provider-request.js';
import { MICROSOFT_MAIL_SCOPE } from './oauth2-grant.js';

export interface DeviceCodeConsentOptions {
  /** `https://login.microsoftonline.com/<tenant>/oauth2/v2.0`: its /devicecode and /token endpoints. */
  authority: string;
  clientId: string;
  scope?: string;
  /** Tells the administrator where to sign in, and with which code. */
  say(line: string): void;
  sleep?(ms: number): Promise<void>;
  timeoutMs?: number;
}

/**
 * The mailbox owner's consent by the device authorization grant (RFC 8628), as Microsoft's public
 * clients take it: the administrator signs in as the mailbox in any browser, with the code this
 * prints, and gets the refresh token to enter in the form. `npm run relay -- --oauth-device-code`.
 */
export async function deviceCodeConsent(options: DeviceCodeConsentOptions): Promise<string> {
  const post = (path: string, form: Record<string, string>) =>
    requestProvider({ baseUrl: options.authority, timeoutMs: options.timeoutMs ?? 15_000 }, { method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams(form).toString() });
  const started = await post('/devicecode', { client_id: options.clientId, scope: options.scope ?? MICROSOFT_MAIL_SCOPE });
  const device = started.ok ? DeviceCodeAnswer.safeParse(jsonOf(started.text)) : null;
  if (!started.ok || !device?.success) throw new Error(`No device code: ${started.ok ? refusalOf(started.text) ?? `the endpoint answered ${started.status}` : started.detail}`);
  const { device_code, user_code, verification_uri, expires_in } = device.data;
  options.say(`Sign in as the mailbox at ${verification_uri} with the code ${user_code} (within ${Math.round(expires_in / 60)} minutes).`);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let intervalMs = (device.data.interval ?? 5) * 1000;
  for (const deadline = Date.now() + expires_in * 1000; Date.now() < deadline; ) {
    await sleep(intervalMs);
    const answer = await post('/token', { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: options.clientId, device_code });
    if (!answer.ok) continue; // the network: ask again at the next interval
    const token = OAuth2TokenAnswer.safeParse(jsonOf(answer.text));
    if (answer.status === 200 && token.success && token.data.refresh_token) return token.data.refresh_token;
    if (answer.status === 200) throw new Error('The sign-in gave no refresh token: the scope needs offline_access.');
    const refusal = OAuth2ErrorAnswer.safeParse(jsonOf(answer.text));
    // §3.5: keep asking while the user has not finished; slower when told.
    if (refusal.success && refusal.data.error === 'authorization_pending') continue;
    if (refusal.success && refusal.data.error === 'slow_down') intervalMs += 5_000;
    else throw new Error(`The sign-in did not complete: ${refusalOf(answer.text) ?? `the endpoint answered ${answer.status}`}`);
  }
  throw new Error('The code expired before the sign-in completed: run this again.');
}

function refusalOf(text: string): string | null {
  const refusal = OAuth2ErrorAnswer.safeParse(jsonOf(text));
  return refusal.success ? `${refusal.data.error}${refusal.data.error_description ? ` (${refusal.data.error_description.slice(0, 300)})` : ''}` : null;
}
