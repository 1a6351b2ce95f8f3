import type { Agent } from '../../src-shared/domain/model.js';
import type { LoginRequest, LoginResponse } from '../../src-shared/protocol/auth.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import type { AgentAccount } from '../storage/port/accounts.js';
import { verifyAgainstNobody, verifyPassword } from './passwords.js';
import { issueToken } from './sessions.js';
import { SignInDoor } from './sign-in-door.js';
import { checkSecondFactor, isTwoFactorEnabled, requiredFor } from './two-factor.js';

export type LoginResult =
  | { ok: true; value: LoginResponse }
  | { ok: false; code: 'invalid_credentials' | 'two_factor_required' | 'invalid_code' | 'account_disabled'; message: string }
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
  return secondStep(core, door, check.account, request.code, address);
}

/**
 * After the right password: a disabled account stops here; an account with two-factor sign-in
 * needs its code (a wrong one counts as a failed sign-in); an administrator whom the company
 * requires to have it, and who has not, gets a token that only sets it up.
 */
async function secondStep(core: RelayCore, door: SignInDoor, account: AgentAccount, code: string | undefined, address: string | null): Promise<LoginResult> {
  if ((await core.store.signIns.disabledAt(account.agent.id)) !== null) {
    return { ok: false, code: 'account_disabled', message: 'This account is disabled; ask an administrator.' };
  }
  const enabled = await isTwoFactorEnabled(core, account.agent.id);
  if (enabled && code === undefined) return { ok: false, code: 'two_factor_required', message: 'Enter the code from your authenticator app, or a recovery code.' };
  if (enabled && code !== undefined && (await checkSecondFactor(core, account, code)) !== 'ok') {
    await door.refused([account]);
    await auditRefusal(core, account.agent.email, [account.agent], address);
    return { ok: false, code: 'invalid_code', message: 'That code is not right, or was used already. Enter the current code from your authenticator app.' };
  }
  await door.admitted(account);
  const scope = !enabled && (await requiredFor(core, account.agent)) ? 'enrol' : 'full';
  return { ok: true, value: await issueToken(core, account.agent, address, scope) };
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
