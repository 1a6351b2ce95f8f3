import type { Agent } from '../../src-shared/domain/model.js';
import type { LoginRequest, LoginResponse } from '../../src-shared/protocol/auth.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import type { AgentAccount } from '../storage/port/accounts.js';
import { verifyAgainstNobody, verifyPassword } from './passwords.js';
import { issueToken } from './sessions.js';
import { SignInDoor } from './sign-in-door.js';

export type LoginResult =
  | { ok: true; value: LoginResponse }
  | { ok: false; code: 'invalid_credentials'; message: string }
  | { ok: false; code: 'throttled'; retryAfterSeconds: number; message: string };

const WRONG = { ok: false, code: 'invalid_credentials', message: 'The email or the password is wrong.' } as const;

type Check = { kind: 'match'; account: AgentAccount } | { kind: 'wrong'; tried: AgentAccount[] } | { kind: 'throttled'; retryAfterMs: number };

/**
 * Checks the password against every tenant's account with this email; the first match signs in.
 * The sign-in door (sign-in-door.ts) may refuse first, with how long to wait; the check itself
 * waits its turn in the password lane (password-lane.ts). Both outcomes of a check are audited
 * (`address`: where the request came from): a sign-in in the account's company; a refusal in the
 * company of each account with that email or, when none has it, on a relay that serves one
 * company, there, with the email as typed, lower-cased (docs/audit.md).
 */
export async function login(core: RelayCore, request: LoginRequest, address: string | null = null): Promise<LoginResult> {
  const accounts = await core.store.accounts.findAgentsByEmail(request.email);
  const door = new SignInDoor(core, request.email, address, accounts);
  const verdict = await door.verdict();
  if (!verdict.open) return throttled(verdict.retryAfterMs, 'Too many failed sign-ins.');
  const checking = core.passwordLane.run(door.address, verdict.known, () => checkPassword(door, request.password));
  if (!checking) return throttled(1_000, 'Too many sign-ins at once from this address.');
  const check = await checking;
  if (check.kind === 'throttled') return throttled(check.retryAfterMs, 'Too many failed sign-ins.');
  if (check.kind === 'wrong') {
    await door.refused(check.tried);
    await auditRefusal(core, request.email, accounts.map((account) => account.agent), address);
    return WRONG;
  }
  await door.admitted(check.account);
  return { ok: true, value: await issueToken(core, check.account.agent, address) };
}

/** Reads the door again: while this check waited its turn, other attempts may have closed it. */
async function checkPassword(door: SignInDoor, password: string): Promise<Check> {
  const verdict = await door.verdict();
  if (!verdict.open) return { kind: 'throttled', retryAfterMs: verdict.retryAfterMs };
  if (verdict.accounts.length === 0) await verifyAgainstNobody(password);
  for (const account of verdict.accounts) {
    if (await verifyPassword(password, account.passwordHash)) return { kind: 'match', account };
  }
  return { kind: 'wrong', tried: verdict.accounts };
}

function throttled(retryAfterMs: number, why: string): LoginResult {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = retryAfterSeconds === 1 ? 'a second' : `${retryAfterSeconds} seconds`;
  return { ok: false, code: 'throttled', retryAfterSeconds, message: `${why} Try again in ${wait}.` };
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
