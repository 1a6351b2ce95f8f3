import type { Agent } from '../../src-shared/domain/model.js';
import type { LoginResponse } from '../../src-shared/protocol/auth.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import { hashToken, newToken } from './tokens.js';

export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

/** A new bearer token for the agent, stored as its hash, with the sign-in audited in the same transaction. */
export async function issueToken(core: RelayCore, agent: Agent, address: string | null): Promise<LoginResponse> {
  const token = newToken();
  return core.store.transaction(async (tx) => {
    const now = core.now();
    const expiresAt = now + core.tokenTtlMs;
    await tx.accounts.deleteExpiredTokens(now);
    await tx.accounts.insertToken(hashToken(token), agent.id, now, expiresAt);
    await recordAudit(tx, agent.tenantId, now, { actorId: agent.id, actorAddress: address }, 'auth.signed_in', { type: 'account', id: agent.id });
    return { token, expiresAt, agent };
  }, { tenantId: agent.tenantId });
}

export type Authentication =
  | { ok: true; agent: Agent; tokenHash: string; expiresAt: number }
  | { ok: false; code: 'unauthorized' | 'expired'; message: string };

export async function authenticate(core: RelayCore, token: string): Promise<Authentication> {
  const tokenHash = hashToken(token);
  const stored = await core.store.accounts.findToken(tokenHash);
  const account = stored ? await core.store.accounts.findAgent(stored.agentId) : null;
  if (!stored || !account) return { ok: false, code: 'unauthorized', message: 'This sign-in is not valid; sign in again.' };
  if (stored.expiresAt <= core.now()) {
    return { ok: false, code: 'expired', message: 'This sign-in has expired; sign in again.' };
  }
  return { ok: true, agent: account.agent, tokenHash, expiresAt: stored.expiresAt };
}

/** Revokes the token; returns its hash so open connections signed in with it can be closed. */
export async function logout(core: RelayCore, token: string): Promise<string | null> {
  const tokenHash = hashToken(token);
  return (await core.store.accounts.deleteToken(tokenHash)) ? tokenHash : null;
}
