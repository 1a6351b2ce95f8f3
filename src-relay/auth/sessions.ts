import type { Agent } from '../../src-shared/domain/model.js';
import type { LoginRequest, LoginResponse } from '../../src-shared/protocol/auth.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import { verifyAgainstNobody, verifyPassword } from './passwords.js';
import { hashToken, newToken } from './tokens.js';

export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export type LoginResult = { ok: true; value: LoginResponse } | { ok: false; message: string };

/**
 * Checks the password against every tenant's account with this email; the first match signs in.
 * Both outcomes are audited (`address`: where the request came from): a sign-in in the account's
 * company; a refusal in the company of each account with that email or, when none has it, on a
 * relay that serves one company, there, with the email as typed, lower-cased (docs/audit.md).
 */
export async function login(core: RelayCore, request: LoginRequest, address: string | null = null): Promise<LoginResult> {
  const accounts = await core.store.accounts.findAgentsByEmail(request.email);
  if (accounts.length === 0) await verifyAgainstNobody(request.password);
  for (const account of accounts) {
    if (await verifyPassword(request.password, account.passwordHash)) {
      return { ok: true, value: await issueToken(core, account.agent, address) };
    }
  }
  await auditRefusal(core, request.email, accounts.map((account) => account.agent), address);
  return { ok: false, message: 'The email or the password is wrong.' };
}

async function issueToken(core: RelayCore, agent: Agent, address: string | null): Promise<LoginResponse> {
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

async function auditRefusal(core: RelayCore, email: string, accounts: readonly Agent[], address: string | null): Promise<void> {
  const actor = { actorId: null, actorAddress: address };
  for (const agent of accounts) await recordAudit(core.store, agent.tenantId, core.now(), actor, 'auth.sign_in_failed', { type: 'account', id: agent.id });
  if (accounts.length > 0) return;
  // With several companies there is no telling whose door was knocked on: nothing is recorded.
  const tenants = await core.store.accounts.listTenants();
  const only = tenants.length === 1 ? tenants[0] : undefined;
  if (only) await recordAudit(core.store, only.id, core.now(), actor, 'auth.sign_in_failed', { type: 'email', id: email.trim().toLowerCase() });
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
