import { randomBytes, randomUUID } from 'node:crypto';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import type { ChannelRuntime } from './channel-runtime.js';

/** What an administrator enters to connect an account (the admin screen comes later; tests and seeds call this). */
export interface ChannelAccountInput {
  tenantId: string;
  provider: string;
  displayName: string;
  teamId: string;
  /** As the provider's console gives them; checked by the adapter's schema. */
  credentials: unknown;
}

export type ConnectOutcome = { ok: true; account: ChannelAccount; webhookPath: string } | { ok: false; message: string };

/** The path to paste into the provider's console, after the relay's public address. */
export function webhookPathOf(account: Pick<ChannelAccount, 'provider' | 'webhookToken'>): string {
  return `/channels/${account.provider}/${account.webhookToken}`;
}

/** Connects an account: credentials checked and sealed, a random webhook token drawn, its team checked to be the tenant's. */
export async function connectChannelAccount(core: RelayCore, runtime: ChannelRuntime, input: ChannelAccountInput): Promise<ConnectOutcome> {
  const adapter = runtime.adapterOf(input.provider);
  if (!adapter) return { ok: false, message: `The relay does not connect "${input.provider}".` };
  const credentials = adapter.credentials.safeParse(input.credentials);
  if (!credentials.success) return { ok: false, message: `These ${adapter.rules.name} credentials are not complete: ${credentials.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` };
  const teams = await core.store.accounts.listTeams(input.tenantId);
  if (!teams.some((team) => team.id === input.teamId)) return { ok: false, message: 'Choose one of the company\'s teams to answer this account.' };
  const id = randomUUID();
  const account: ChannelAccount = {
    id,
    tenantId: input.tenantId,
    provider: adapter.provider,
    displayName: input.displayName.trim() || adapter.rules.name,
    teamId: input.teamId,
    webhookToken: randomBytes(24).toString('base64url'),
    sealedCredentials: runtime.box.seal(credentials.data, id),
    createdAt: core.now(),
  };
  await core.store.transaction((tx) => tx.channels.insertAccount(account), { tenantId: input.tenantId });
  return { ok: true, account, webhookPath: webhookPathOf(account) };
}
