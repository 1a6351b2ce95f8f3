import type { Agent } from '../../src-shared/domain/model.js';
import type { LoginRequest, LoginResponse } from '../../src-shared/protocol/auth.js';
import type { RelayCore } from '../relay-core.js';
import { verifyAgainstNobody, verifyPassword } from './passwords.js';
import { hashToken, newToken } from './tokens.js';

export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export type LoginResult = { ok: true; value: LoginResponse } | { ok: false; message: string };

/** Checks the password against every tenant's account with this email; the first match signs in. */
export async function login(core: RelayCore, request: LoginRequest): Promise<LoginResult> {
  const accounts = await core.store.accounts.findAgentsByEmail(request.email);
  if (accounts.length === 0) await verifyAgainstNobody(request.password);
  for (const account of accounts) {
    if (await verifyPassword(request.password, account.passwordHash)) {
      return { ok: true, value: await issueToken(core, account.agent) };
    }
  }
  return { ok: false, message: 'The email or the password is wrong.' };
}

async function issueToken(core: RelayCore, agent: Agent): Promise<LoginResponse> {
  const now = core.now();
  const token = newToken();
  const expiresAt = now + core.tokenTtlMs;
  await core.store.accounts.deleteExpiredTokens(now);
  await core.store.accounts.insertToken(hashToken(token), agent.id, now, expiresAt);
  return { token, expiresAt, agent };
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
