import { randomBytes, randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../audit/audit-trail.js';
import { failQueuedChannelSends } from '../conversations/channel-replies.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount, ChannelAccountChange } from '../storage/port/channels.js';
import type { ChannelRuntime } from './channel-runtime.js';
import type { ChannelAdapter, ConnectionCheck, ProviderApi } from './port/channel-adapter.js';

/** What an administrator enters to connect an account (admin-channel-routes.ts; tests and seeds call this too). */
export interface ChannelAccountInput {
  tenantId: string;
  provider: string;
  displayName: string;
  teamId: string;
  /** As the provider's console gives them; checked by the adapter's schema. */
  credentials: unknown;
}

export type ConnectOutcome = { ok: true; account: ChannelAccount; webhookPath: string } | { ok: false; message: string };
export type ChangeOutcome = { ok: true; account: ChannelAccount } | { ok: false; message: string };

/** Connections, changes and disconnections are audited (never the credentials); seeds and tests act as the system. */
const SYSTEM: AuditActor = { actorId: null, actorAddress: null };

/** The path to paste into the provider's console, after the relay's public address. */
export function webhookPathOf(account: Pick<ChannelAccount, 'provider' | 'webhookToken'>): string {
  return `/channels/${account.provider}/${account.webhookToken}`;
}

/** Connects an account: credentials checked and sealed, a random webhook token drawn, its team checked to be the tenant's. */
export async function connectChannelAccount(core: RelayCore, runtime: ChannelRuntime, input: ChannelAccountInput, actor: AuditActor = SYSTEM): Promise<ConnectOutcome> {
  const adapter = runtime.adapterOf(input.provider);
  if (!adapter) return { ok: false, message: `The relay does not connect "${input.provider}".` };
  const credentials = checkedCredentials(adapter, input.credentials);
  if (!credentials.ok) return credentials;
  const team = await teamProblem(core, input.tenantId, input.teamId);
  if (team) return { ok: false, message: team };
  const id = randomUUID();
  const account: ChannelAccount = {
    id,
    tenantId: input.tenantId,
    provider: adapter.provider,
    displayName: input.displayName.trim() || adapter.rules.name,
    teamId: input.teamId,
    webhookToken: randomBytes(24).toString('base64url'),
    sealedCredentials: runtime.box.seal(credentials.value, id),
    createdAt: core.now(),
    disconnectedAt: null,
  };
  await core.store.transaction(async (tx) => {
    await tx.channels.insertAccount(account);
    const details = { provider: account.provider, displayName: account.displayName, teamId: account.teamId };
    await recordAudit(tx, input.tenantId, core.now(), actor, 'channel.connected', { type: 'channel_account', id }, details);
  }, { tenantId: input.tenantId });
  return { ok: true, account, webhookPath: webhookPathOf(account) };
}

/**
 * Renames a connected account, gives it another team (for conversations that start from now on;
 * open ones stay with their team) or replaces its credentials. Entered credentials are laid over
 * the stored ones, so that rotating one token does not mean typing the others again; the result
 * is checked by the adapter's schema and sealed anew.
 */
export async function changeChannelAccount(
  core: RelayCore,
  runtime: ChannelRuntime,
  account: ChannelAccount,
  change: { displayName?: string; teamId?: string; credentials?: Record<string, unknown> },
  actor: AuditActor = SYSTEM,
): Promise<ChangeOutcome> {
  if (account.disconnectedAt) return { ok: false, message: 'This account was disconnected; connect the provider again as a new account.' };
  const adapter = runtime.adapterOf(account.provider);
  if (!adapter) return { ok: false, message: `The relay no longer connects "${account.provider}".` };
  const stored: ChannelAccountChange = {};
  if (change.teamId !== undefined) {
    const team = await teamProblem(core, account.tenantId, change.teamId);
    if (team) return { ok: false, message: team };
    stored.teamId = change.teamId;
  }
  if (change.displayName !== undefined) stored.displayName = change.displayName.trim();
  if (change.credentials !== undefined) {
    const current = runtime.credentialsOf(adapter, account) as Record<string, unknown>;
    const credentials = checkedCredentials(adapter, { ...current, ...change.credentials });
    if (!credentials.ok) return credentials;
    stored.sealedCredentials = runtime.box.seal(credentials.value, account.id);
  }
  const changed = await core.store.transaction(async (tx) => {
    // Read again in the transaction: a disconnection may have come in between.
    const current = await tx.channels.findAccount(account.id);
    if (!current || current.disconnectedAt) return null;
    await tx.channels.updateAccount(account.id, stored);
    // Which fields changed; the new name and team, never a credential.
    const details = { fields: Object.keys(change).sort(), displayName: stored.displayName ?? null, teamId: stored.teamId ?? null };
    await recordAudit(tx, account.tenantId, core.now(), actor, 'channel.changed', { type: 'channel_account', id: account.id }, details);
    return { ...current, ...stored };
  }, { tenantId: account.tenantId });
  return changed ? { ok: true, account: changed } : { ok: false, message: 'This account was disconnected meanwhile.' };
}

/**
 * Disconnects an account, keeping it and its history: from this commit on its webhooks answer
 * 404 and nothing more goes out through it. Its queued replies are marked not delivered, with
 * the reason, in the same commit, so agents see at once what will not arrive; a reply a sender
 * is handing to the provider at this moment finishes (send-queue.ts looks at the account before
 * each call). Its sealed credentials are forgotten. Doing it twice changes nothing.
 */
export async function disconnectChannelAccount(core: RelayCore, runtime: ChannelRuntime, account: ChannelAccount, actor: AuditActor = SYSTEM): Promise<ChannelAccount> {
  const name = runtime.adapterOf(account.provider)?.rules.name ?? account.provider;
  const at = await core.commit(account.tenantId, async (changes) => {
    const current = await changes.store.channels.findAccount(account.id);
    if (!current || current.disconnectedAt) return current?.disconnectedAt ?? changes.at;
    await changes.store.channels.disconnectAccount(account.id, changes.at);
    await failQueuedChannelSends(changes, account.id, `An administrator disconnected the ${name} account "${current.displayName}" before this reply went out.`);
    await recordAudit(changes.store, account.tenantId, changes.at, actor, 'channel.disconnected', { type: 'channel_account', id: account.id }, { provider: account.provider });
    return changes.at;
  });
  runtime.forget(account.id);
  return { ...account, sealedCredentials: '', disconnectedAt: at };
}

/** The administrator's "test connection": one harmless call to the provider with the stored credentials. */
export async function testChannelAccount(core: RelayCore, runtime: ChannelRuntime, account: ChannelAccount): Promise<ConnectionCheck> {
  if (account.disconnectedAt) return { ok: false, error: 'This account was disconnected: the relay no longer holds its credentials.' };
  const adapter = runtime.adapterOf(account.provider);
  if (!adapter?.checkConnection) return { ok: false, error: `The relay cannot test a ${adapter?.rules.name ?? account.provider} connection yet.` };
  let credentials: unknown;
  try {
    credentials = runtime.credentialsOf(adapter, account);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return adapter.checkConnection(credentials, accountApi(core, runtime, adapter, account));
}

/** How to reach the account's provider, with a place to keep a secret the provider rotates. */
export function accountApi(core: RelayCore, runtime: ChannelRuntime, adapter: ChannelAdapter, account: ChannelAccount): ProviderApi {
  return { ...runtime.apiOf(adapter), keepRotatedSecret: (name, from, to) => keepRotatedSecret(core, runtime, account, name, from, to) };
}

/**
 * Seals a secret the provider replaced (Microsoft's rotated refresh tokens) into the account's
 * credentials, if they still hold the old one: an administrator who entered new credentials
 * meanwhile keeps them. A failure is reported, never thrown: the new secret still works for now.
 */
async function keepRotatedSecret(core: RelayCore, runtime: ChannelRuntime, account: ChannelAccount, name: string, from: string, to: string): Promise<void> {
  const accountId = account.id;
  try {
    await core.store.transaction(async (tx) => {
      const current = await tx.channels.findAccount(accountId);
      const adapter = current && !current.disconnectedAt ? runtime.adapterOf(current.provider) : null;
      if (!current || !adapter) return;
      const credentials = runtime.credentialsOf(adapter, current) as Record<string, unknown>;
      if (credentials[name] !== from) return;
      await tx.channels.updateAccount(accountId, { sealedCredentials: runtime.box.seal({ ...credentials, [name]: to }, accountId) });
    }, { tenantId: account.tenantId });
  } catch (error) {
    core.reportError(`keeping the rotated ${name} of ${accountId}`, error);
  }
}

function checkedCredentials(adapter: ChannelAdapter, given: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const credentials = adapter.credentials.safeParse(given);
  if (credentials.success) return { ok: true, value: credentials.data };
  const problems = credentials.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return { ok: false, message: `These ${adapter.rules.name} credentials are not complete: ${problems}` };
}

async function teamProblem(core: RelayCore, tenantId: string, teamId: string): Promise<string | null> {
  const teams = await core.store.accounts.listTeams(tenantId);
  return teams.some((team) => team.id === teamId) ? null : "Choose one of the company's teams to answer this account.";
}
