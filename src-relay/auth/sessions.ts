import type { Agent } from '../../src-shared/domain/model.js';
import type { LoginResponse } from '../../src-shared/protocol/auth.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import type { TokenScope } from '../storage/port/accounts.js';
import { hashToken, isWellFormedToken, newToken } from './tokens.js';

export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * A new bearer token for the agent, stored as its hash, with the sign-in audited in the same
 * transaction; a single sign-on's entry says so (`method: sso`).
 */
export async function issueToken(core: RelayCore, agent: Agent, address: string | null, scope: TokenScope = 'full', method: 'password' | 'sso' = 'password'): Promise<LoginResponse> {
  const token = newToken();
  return core.store.transaction(async (tx) => {
    const now = core.now();
    const expiresAt = now + core.tokenTtlMs;
    await tx.accounts.deleteExpiredTokens(now);
    await tx.accounts.insertToken(hashToken(token), agent.id, now, expiresAt, scope);
    await recordAudit(tx, agent.tenantId, now, { actorId: agent.id, actorAddress: address }, 'auth.signed_in', { type: 'account', id: agent.id }, method === 'sso' ? { method } : {});
    return scope === 'enrol' ? { token, expiresAt, agent, twoFactor: 'enrolment_required' } : { token, expiresAt, agent };
  }, { tenantId: agent.tenantId });
}

export type Authentication =
  | { ok: true; agent: Agent; tokenHash: string; expiresAt: number; scope: TokenScope }
  | { ok: false; code: 'unauthorized'; message: string };

/**
 * The agent a token signs in, checked the same way on every transport (HTTP, sync socket): an
 * unknown, malformed, revoked or expired token, or a disabled account, all answer `unauthorized`,
 * the message alone saying which. A token that may only set up two-factor sign-in (`enrol`)
 * serves only where `accept` allows it.
 */
export async function authenticate(core: RelayCore, token: string, accept: TokenScope = 'full'): Promise<Authentication> {
  if (!isWellFormedToken(token)) return NOT_VALID;
  const tokenHash = hashToken(token);
  const stored = await core.store.accounts.findToken(tokenHash);
  const account = stored ? await core.store.accounts.findAgent(stored.agentId) : null;
  if (!stored || !account) return NOT_VALID;
  if (stored.expiresAt <= core.now()) return { ok: false, code: 'unauthorized', message: 'This sign-in has expired; sign in again.' };
  if ((await core.store.signIns.disabledAt(account.agent.id)) !== null) return { ok: false, code: 'unauthorized', message: 'This account is disabled; ask an administrator.' };
  if (stored.scope === 'enrol' && accept !== 'enrol') {
    return { ok: false, code: 'unauthorized', message: 'Set up two-factor sign-in first: your company requires it for administrators.' };
  }
  return { ok: true, agent: account.agent, tokenHash, expiresAt: stored.expiresAt, scope: stored.scope };
}

const NOT_VALID = { ok: false, code: 'unauthorized', message: 'This sign-in is not valid; sign in again.' } as const;

/** Revokes the token; returns its hash so open connections signed in with it can be closed. */
export async function logout(core: RelayCore, token: string): Promise<string | null> {
  const tokenHash = hashToken(token);
  return (await core.store.accounts.deleteToken(tokenHash)) ? tokenHash : null;
}
