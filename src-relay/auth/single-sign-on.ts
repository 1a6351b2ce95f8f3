import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { LoginResponse } from '../../src-shared/protocol/auth.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import type { AuditTarget } from '../../src-shared/domain/audit.js';
import type { SsoClients } from './sso-clients.js';
import { issueToken } from './sessions.js';
import { hashToken } from './tokens.js';
import { requiredFor } from './two-factor.js';

/** How long a started sign-in waits for the provider, and a finished one for its desk. */
export const SSO_PENDING_TTL_MS = 10 * 60 * 1000;

/**
 * Where the provider shows a second factor (RFC 8176 `amr` values). A company that requires
 * two-factor sign-in of administrators takes an administrator's SSO sign-in only with one of these.
 */
const SECOND_FACTORS = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'fpt', 'face', 'iris', 'retina', 'vbm']);

/** The page the browser is left on: what happened, in words for the person at the keyboard. */
export type SsoOutcome = { ok: true; name: string } | { ok: false; message: string };

interface Authorization {
  nonce: string;
  verifier: string;
  desk: string;
  redirectUri: string;
}

type Handoff = { agentId: string } | { refusal: string };

const sealContext = (kind: string, tenantId: string) => `sso-${kind}:${tenantId}`;

/** The provider's authorization URL for a new sign-in; what it needs to finish is kept on the relay, sealed, for one use. */
export async function startSso(core: RelayCore, clients: SsoClients, tenantId: string, desk: string, redirectUri: string): Promise<URL | null> {
  const record = await core.store.singleSignOn.configOf(tenantId);
  if (!record) return null;
  const config = await clients.configurationOf(record);
  const state = oidc.randomState();
  const authorization: Authorization = { nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), desk, redirectUri };
  const now = core.now();
  await core.store.singleSignOn.prunePending(now);
  await core.store.singleSignOn.putPending(hashToken(state), 'authorization', { tenantId, sealed: core.secrets.seal(authorization, sealContext('authorization', tenantId)) }, now + SSO_PENDING_TTL_MS);
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce: authorization.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(authorization.verifier),
    code_challenge_method: 'S256',
  });
}

/**
 * The provider sent the browser back. The state is taken once (a replayed or forged callback
 * finds nothing); openid-client checks the code, PKCE, the ID token and its nonce; the account is
 * the company's with that email, which the provider must have verified. The desk that started the
 * sign-in then fetches its token with its verifier (`exchangeSso`); a refusal waits for it too.
 */
export async function finishSso(core: RelayCore, clients: SsoClients, callback: URL, address: string | null): Promise<SsoOutcome> {
  const state = callback.searchParams.get('state');
  const pending = state ? await core.store.singleSignOn.takePending(hashToken(state), 'authorization', core.now()) : null;
  if (!state || !pending) return { ok: false, message: 'This sign-in has expired or was used already. Start again from the desk.' };
  const { tenantId } = pending;
  const authorization = core.secrets.open(pending.sealed, sealContext('authorization', tenantId)) as Authorization;
  const record = await core.store.singleSignOn.configOf(tenantId);
  if (!record) return handOff(core, tenantId, authorization.desk, { refusal: 'Single sign-on is no longer set up for this company.' });
  const identity = await verifiedIdentity(core, clients, record, callback, state, authorization);
  if (!identity.ok) return refuse(core, tenantId, authorization.desk, identity.message, null, address);
  const account = (await core.store.accounts.findAgentsByEmail(identity.email)).find((candidate) => candidate.agent.tenantId === tenantId);
  const target: AuditTarget = account ? { type: 'account', id: account.agent.id } : { type: 'email', id: identity.email.toLowerCase() };
  if (!account) return refuse(core, tenantId, authorization.desk, `No account here has the email ${identity.email}. Ask an administrator to add you.`, target, address);
  if ((await core.store.signIns.disabledAt(account.agent.id)) !== null) return refuse(core, tenantId, authorization.desk, 'This account is disabled; ask an administrator.', target, address);
  if ((await requiredFor(core, account.agent)) && !identity.secondFactor) {
    return refuse(core, tenantId, authorization.desk, 'Your company requires two-factor sign-in for administrators, and the provider did not report one. Sign in with your password and code, or ask for the provider to require it.', target, address);
  }
  const outcome = await handOff(core, tenantId, authorization.desk, { agentId: account.agent.id });
  return outcome.ok ? { ok: true, name: account.agent.name } : outcome;
}

/** The desk's token, once: its verifier must hash to the challenge the sign-in started with. */
export async function exchangeSso(core: RelayCore, verifier: string, address: string | null): Promise<{ ok: true; value: LoginResponse } | { ok: false; code: 'sso_pending' | 'sso_refused'; message: string }> {
  const desk = createHash('sha256').update(verifier).digest('base64url');
  const pending = await core.store.singleSignOn.takePending(desk, 'handoff', core.now());
  if (!pending) return { ok: false, code: 'sso_pending', message: 'The sign-in in the browser has not finished (or has expired).' };
  const handoff = core.secrets.open(pending.sealed, sealContext('handoff', pending.tenantId)) as Handoff;
  if ('refusal' in handoff) return { ok: false, code: 'sso_refused', message: handoff.refusal };
  const account = await core.store.accounts.findAgent(handoff.agentId);
  if (!account || (await core.store.signIns.disabledAt(account.agent.id)) !== null) return { ok: false, code: 'sso_refused', message: 'This account is disabled; ask an administrator.' };
  return { ok: true, value: await issueToken(core, account.agent, address, 'full', 'sso') };
}

type Identity = { ok: true; email: string; secondFactor: boolean } | { ok: false; message: string };

async function verifiedIdentity(core: RelayCore, clients: SsoClients, record: Parameters<SsoClients['configurationOf']>[0], callback: URL, state: string, authorization: Authorization): Promise<Identity> {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  const config = await clients.configurationOf(record);
  // openid-client compares the callback's own URL, so it is rebuilt on the address the provider was given.
  const current = new URL(`${authorization.redirectUri}${callback.search}`);
  try {
    tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: authorization.verifier, expectedState: state, expectedNonce: authorization.nonce, idTokenExpected: true });
  } catch (error) {
    // A provider's refusal (a spent code, a denied consent) is the caller's; anything else, the relay's log hears of.
    if (!isProviderRefusal(error)) core.reportError('single sign-on callback', error);
    return { ok: false, message: `The provider did not sign you in (${describe(error)}). Start again from the desk.` };
  }
  const idClaims = tokens.claims();
  if (!idClaims) return { ok: false, message: 'The provider sent no ID token.' };
  const claims = idClaims.email === undefined ? { ...idClaims, ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)) } : idClaims;
  if (typeof claims.email !== 'string' || claims.email_verified !== true) {
    return { ok: false, message: 'The provider has not verified your email address, so it cannot sign you in here.' };
  }
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  return { ok: true, email: claims.email, secondFactor: amr.some((method) => typeof method === 'string' && SECOND_FACTORS.has(method)) };
}

async function refuse(core: RelayCore, tenantId: string, desk: string, message: string, target: AuditTarget | null, address: string | null): Promise<SsoOutcome> {
  await recordAudit(core.store, tenantId, core.now(), { actorId: null, actorAddress: address }, 'auth.sign_in_failed', target, { method: 'sso' });
  return handOff(core, tenantId, desk, { refusal: message });
}

async function handOff(core: RelayCore, tenantId: string, desk: string, handoff: Handoff): Promise<SsoOutcome> {
  try {
    await core.store.singleSignOn.putPending(desk, 'handoff', { tenantId, sealed: core.secrets.seal(handoff, sealContext('handoff', tenantId)) }, core.now() + SSO_PENDING_TTL_MS);
  } catch (error) {
    // The desk's challenge already holds a finished sign-in: a start link opened twice.
    core.reportError('single sign-on handoff', error);
    return { ok: false, message: 'This sign-in was finished already. Start again from the desk.' };
  }
  return 'refusal' in handoff ? { ok: false, message: handoff.refusal } : { ok: true, name: '' };
}

function isProviderRefusal(error: unknown): error is oidc.AuthorizationResponseError | oidc.ResponseBodyError {
  return error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError;
}

function describe(error: unknown): string {
  if (isProviderRefusal(error)) return error.error;
  return error instanceof Error ? error.message : 'unknown error';
}

