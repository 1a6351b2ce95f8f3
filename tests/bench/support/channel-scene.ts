import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectChannelAccount } from '../../../src-relay/channels/channel-accounts.js';
import { ChannelRuntime } from '../../../src-relay/channels/channel-runtime.js';
import { CredentialBox } from '../../../src-relay/channels/credential-box.js';
import { createRelayCore } from '../../../src-relay/relay-core.js';
import { openRelayStorage } from '../../../src-relay/storage/open-relay-storage.js';
import { BENCH_TENANT, planCompany, seedCompany } from './bench-company.js';
import { spawnRelayScript } from './relay-child.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The team every account routes to: the bench company's only team (planCompany with one team is English). */
export const CHANNEL_TEAM = 'team-en';
/** Its one agent, who signs in to reply. */
export const CHANNEL_AGENT_EMAIL = 'agent-en-0@bench.test';

export interface ChannelAccountPlan {
  provider: string;
  credentials: unknown;
  /** The fake's API address, which the relay calls instead of the provider's. */
  apiBaseUrl: string;
}

export interface ChannelScene {
  relay: ChildProcess;
  url: string;
  /** By provider: the full webhook URL of its account. */
  webhookUrls: Record<string, string>;
}

/**
 * Seeds the bench company (one team, `agents` agents) into the fresh SQLite file `dbPath`,
 * connects one account per plan (credentials sealed with a key of this run's own), and starts a
 * relay child on it with each provider's API pointed at its fake. Resolves once it listens.
 */
export async function startChannelScene(dbPath: string, agents: number, accounts: ChannelAccountPlan[]): Promise<ChannelScene> {
  await seedCompany(dbPath, planCompany(1, agents, 1));
  const secretsKey = randomBytes(32);
  const store = await openRelayStorage(dbPath);
  const paths: Record<string, string> = {};
  try {
    const core = createRelayCore(store, { now: Date.now, tokenTtlMs: 3_600_000, reportError: (where, error) => console.error(where, error) });
    const runtime = new ChannelRuntime(CredentialBox.withKey(secretsKey));
    for (const plan of accounts) {
      const connected = await connectChannelAccount(core, runtime, {
        tenantId: BENCH_TENANT,
        provider: plan.provider,
        displayName: `Bench on ${plan.provider}`,
        teamId: CHANNEL_TEAM,
        credentials: plan.credentials,
      });
      if (!connected.ok) throw new Error(`connecting ${plan.provider}: ${connected.message}`);
      paths[plan.provider] = connected.webhookPath;
    }
  } finally {
    await store.close();
  }
  const apiBaseUrls = Object.fromEntries(accounts.map((plan) => [plan.provider, plan.apiBaseUrl]));
  const { child, url } = await spawnRelayScript(path.join(here, 'channel-relay-process.ts'), [dbPath, secretsKey.toString('hex'), JSON.stringify(apiBaseUrls)]);
  return { relay: child, url, webhookUrls: Object.fromEntries(Object.entries(paths).map(([provider, p]) => [provider, url + p])) };
}
