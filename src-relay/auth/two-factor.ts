import type { Agent } from '../../src-shared/domain/model.js';
import type { TwoFactorEnrolment, TwoFactorStatus } from '../../src-shared/protocol/two-factor.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import type { AgentAccount } from '../storage/port/accounts.js';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpStep, totpUri } from './totp.js';

/** Bound into every sealed secret, so one copied onto another account does not open. */
const sealContext = (agentId: string) => `totp:${agentId}`;

export type TwoFactorRefusal = { ok: false; status: 400 | 403 | 409; code: string; message: string };

export async function twoFactorStatus(core: RelayCore, agent: Agent): Promise<TwoFactorStatus> {
  const record = await core.store.signIns.twoFactorOf(agent.id);
  return { enabled: record?.confirmedAt != null, required: await requiredFor(core, agent) };
}

/** Whether the company's policy requires two-factor sign-in of this account. */
export async function requiredFor(core: RelayCore, agent: Agent): Promise<boolean> {
  return agent.role === 'admin' && (await core.store.signIns.adminsNeedTwoFactor(agent.tenantId));
}

/** A new secret, sealed at rest; the only answer that ever carries it. */
export async function beginEnrolment(core: RelayCore, agent: Agent): Promise<{ ok: true; value: TwoFactorEnrolment } | TwoFactorRefusal> {
  const secret = newTotpSecret();
  if (!(await core.store.signIns.beginTwoFactor(agent.id, core.secrets.seal(secret, sealContext(agent.id))))) {
    return { ok: false, status: 409, code: 'already_enabled', message: 'Two-factor sign-in is already on. Turn it off first to set up another authenticator.' };
  }
  const tenant = await core.store.accounts.findTenant(agent.tenantId);
  return { ok: true, value: { secret, uri: totpUri(secret, tenant?.name ?? 'Service Workstation', agent.email) } };
}

/** The first code proves the app holds the secret; the recovery codes are shown this once. */
export async function confirmEnrolment(core: RelayCore, agent: Agent, code: string, caller: { tokenHash: string; address: string | null }): Promise<{ ok: true; recoveryCodes: string[] } | TwoFactorRefusal> {
  const record = await core.store.signIns.twoFactorOf(agent.id);
  if (!record || record.confirmedAt !== null) return { ok: false, status: 409, code: 'no_enrolment', message: 'There is no two-factor setup waiting for a code: start again.' };
  const step = totpStep(openSecret(core, agent.id, record.secretSealed), code, core.now());
  if (step === null) return wrongCode();
  const recoveryCodes = newRecoveryCodes();
  const confirmed = await core.store.transaction(async (tx) => {
    if (!(await tx.signIns.confirmTwoFactor(agent.id, step, core.now(), recoveryCodes.map(recoveryCodeHash)))) return false;
    // A token that could only set this up now serves for everything.
    await tx.accounts.setTokenScope(caller.tokenHash, 'full');
    await recordAudit(tx, agent.tenantId, core.now(), { actorId: agent.id, actorAddress: caller.address }, 'auth.two_factor_enabled', { type: 'account', id: agent.id });
    return true;
  }, { tenantId: agent.tenantId });
  return confirmed ? { ok: true, recoveryCodes } : wrongCode();
}

/** Turning it off takes a current code, and is refused where the company requires it. */
export async function removeTwoFactor(core: RelayCore, agent: Agent, code: string, address: string | null): Promise<{ ok: true } | TwoFactorRefusal> {
  if (await requiredFor(core, agent)) return { ok: false, status: 403, code: 'forbidden', message: 'Your company requires two-factor sign-in for administrators.' };
  const account = await core.store.accounts.findAgent(agent.id);
  if (!account || (await checkSecondFactor(core, account, code)) !== 'ok') return wrongCode();
  await core.store.transaction(async (tx) => {
    await tx.signIns.removeTwoFactor(agent.id);
    await recordAudit(tx, agent.tenantId, core.now(), { actorId: agent.id, actorAddress: address }, 'auth.two_factor_disabled', { type: 'account', id: agent.id });
  }, { tenantId: agent.tenantId });
  return { ok: true };
}

export type SecondFactor = 'not_enabled' | 'ok' | 'wrong';

/**
 * A sign-in's second factor: a TOTP code whose time step is later than the last one taken (a
 * code seen over a shoulder or replayed is refused), or an unspent recovery code.
 */
export async function checkSecondFactor(core: RelayCore, account: AgentAccount, code: string): Promise<SecondFactor> {
  const record = await core.store.signIns.twoFactorOf(account.agent.id);
  if (!record || record.confirmedAt === null) return 'not_enabled';
  const step = totpStep(openSecret(core, account.agent.id, record.secretSealed), code.trim(), core.now());
  if (step !== null) return (await core.store.signIns.useTimeStep(account.agent.id, step)) ? 'ok' : 'wrong';
  return (await core.store.signIns.useRecoveryCode(account.agent.id, recoveryCodeHash(code), core.now())) ? 'ok' : 'wrong';
}

export async function isTwoFactorEnabled(core: RelayCore, agentId: string): Promise<boolean> {
  return (await core.store.signIns.twoFactorOf(agentId))?.confirmedAt != null;
}

function openSecret(core: RelayCore, agentId: string, sealed: string): string {
  const secret = core.secrets.open(sealed, sealContext(agentId));
  if (typeof secret !== 'string') throw new Error('A sealed TOTP secret did not hold a secret.');
  return secret;
}

function wrongCode(): TwoFactorRefusal {
  return { ok: false, status: 400, code: 'invalid_code', message: 'That code is not right. Enter the current code from your authenticator app.' };
}
