import type { RelayCore } from '../relay-core.js';
import { repeatEvery } from '../repeating.js';

export const DEFAULT_LOG_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Forgets log events older than the retention period, for every tenant. Conversations and
 * messages stay; a workstation offline for longer resyncs from a snapshot instead of replaying.
 */
export async function pruneLogs(core: RelayCore, retentionDays: number): Promise<void> {
  const before = core.now() - retentionDays * DAY_MS;
  for (const { id: tenantId } of await core.store.accounts.listTenants()) {
    await core.store.transaction((tx) => tx.events.prune(tenantId, before), { tenantId });
  }
}

/** Prunes now (resolved once done, so a relay starts on its pruned log) and then hourly; resolves to a stop function. */
export async function schedulePruning(core: RelayCore, retentionDays: number): Promise<() => void> {
  const prune = () => pruneLogs(core, retentionDays);
  await prune().catch((error: unknown) => core.reportError('log pruning', error));
  return repeatEvery(PRUNE_INTERVAL_MS, 'log pruning', core.reportError, prune);
}
