import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2ErrorAnswer, OAuth2TokenAnswer } from '../../../../src-shared/protocol/channels/oauth2-token.js';
import { jsonOf, requestProvider } from '../../port/provider-request.js';
import { GOOGLE_TOKEN_URL } from './oauth2-grant.js';

export const GOOGLE_AUTHORIZATION_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
/** The only scope Gmail's IMAP and SMTP take. */
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';

export interface LoopbackConsentOptions {
  clientId: string;
  /** A Google "Desktop app" client has one; it is not secret in that client type, but the token endpoint wants it. */
  clientSecret: string;
  /** The mailbox's address: Google preselects that account on its sign-in page. */
  loginHint?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  scope?: string;
  /** Tells the administrator which address to open. */
  say(line: string): void;
  timeoutMs?: number;
}

/**
 * The mailbox owner's consent for Google by the authorization code grant with PKCE (RFC 7636) and a
 * loopback redirect (RFC 8252 §7.3), as Google's "Desktop app" clients take it: its device flow does
 * not allow the Gmail scope. The administrator opens the printed address in a browser on this
 * machine, signs in as the mailbox, and the browser comes back to a one-time listener here with the
 * code, which is exchanged for the refresh token. `npm run relay -- --oauth-google`.
 */
export async function loopbackConsent(options: LoopbackConsentOptions): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const listener = await listenOnce();
  try {
    const redirectUri = `http://127.0.0.1:${listener.port}`;
    const address = new URL(options.authorizationUrl ?? GOOGLE_AUTHORIZATION_URL);
    address.search = new URLSearchParams({
      client_id: options.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: options.scope ?? GOOGLE_MAIL_SCOPE,
      code_challenge: pkceChallengeOf(verifier),
      code_challenge_method: 'S256',
      state,
      // A refresh token only comes with offline access, and again on a second consent only when asked.
      access_type: 'offline',
      prompt: 'consent',
      ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    }).toString();
    options.say(`Open this address in a browser on this machine and sign in as the mailbox:\n${address.toString()}`);
    const code = await listener.code(state, options.timeoutMs ?? 10 * 60_000);
    return await exchange(options, { code, verifier, redirectUri });
  } finally {
    listener.close();
  }
}

/** RFC 7636 §4.2, S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function pkceChallengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

async function exchange(options: LoopbackConsentOptions, grant: { code: string; verifier: string; redirectUri: string }): Promise<string> {
  const tokenUrl = new URL(options.tokenUrl ?? GOOGLE_TOKEN_URL);
  const answer = await requestProvider(
    { baseUrl: tokenUrl.origin, timeoutMs: 15_000 },
    {
      method: 'POST',
      path: tokenUrl.pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: grant.code, code_verifier: grant.verifier, redirect_uri: grant.redirectUri, client_id: options.clientId, client_secret: options.clientSecret }).toString(),
    },
  );
  if (!answer.ok) throw new Error(`The token endpoint could not be reached: ${answer.detail}`);
  const token = OAuth2TokenAnswer.safeParse(jsonOf(answer.text));
  if (answer.status === 200 && token.success && token.data.refresh_token) return token.data.refresh_token;
  if (answer.status === 200) throw new Error('The sign-in gave no refresh token: remove the app under Google Account → Security → Third-party access, then run this again.');
  const refusal = OAuth2ErrorAnswer.safeParse(jsonOf(answer.text));
  throw new Error(`The code was not exchanged: ${refusal.success ? `${refusal.data.error}${refusal.data.error_description ? ` (${refusal.data.error_description.slice(0, 300)})` : ''}` : `the endpoint answered ${answer.status}`}`);
}

interface OneTimeListener {
  port: number;
  /** The code the browser brings back with this state; rejects on an error, a wrong state, or the timeout. */
  code(state: string, timeoutMs: number): Promise<string>;
  close(): void;
}

/** A listener on loopback for the one redirect; anything but the redirect to "/" is answered 404. */
async function listenOnce(): Promise<OneTimeListener> {
  let settle: ((result: { code: string; state: string } | { error: string }) => void) | null = null;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== '/' || !settle) {
      response.writeHead(404).end();
      return;
    }
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    const done = settle;
    settle = null;
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(error || !code ? 'The sign-in did not complete. Go back to the terminal.' : 'Signed in. You can close this tab and go back to the terminal.');
    done(error || !code ? { error: error ?? 'no code in the redirect' } : { code, state: url.searchParams.get('state') ?? '' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    code: (state, timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('No sign-in came back in time: run this again.')), timeoutMs);
        settle = (result) => {
          clearTimeout(timer);
          if ('error' in result) return reject(new Error(`The sign-in did not complete: ${result.error}`));
          // RFC 6749 §10.12: a redirect this run did not start is refused.
          if (result.state !== state) return reject(new Error('The sign-in came back with another state: run this again.'));
          resolve(result.code);
        };
      }),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
