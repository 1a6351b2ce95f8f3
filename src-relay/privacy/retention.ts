import type { RelayCore } from '../relay-core.js';
import { forLeasedTenants, repeatEvery } from '../repeating.js';

export const DEFAULT_LOG_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
/** The lease of a tenant's pruning, and the name its failures are reported under. */
const LOG_PRUNING = 'log pruning';

/**
 * Forgets log events older than the retention period, for every tenant whose pruning lease this
 * node holds (every tenant on a single node). Conversations and messages stay; a workstation
 * offline for longer resyncs from a snapshot instead of replaying.
 */
export async function pruneLogs(core: RelayCore, retentionDays: number): Promise<void> {
  const before = core.now() - retentionDays * DAY_MS;
  await forLeasedTenants(core, LOG_PRUNING, (tenantId) => core.store.transaction((tx) => tx.events.prune(tenantId, before), { tenantId }));
}

/** Prunes now (resolved once done, so a relay starts on its pruned log) and then hourly; resolves to a stop function. */
export async function schedulePruning(core: RelayCore, retentionDays: number): Promise<() => void> {
  const prune = () => pruneLogs(core, retentionDays);
  await prune().catch((error: unknown) => core.reportError(LOG_PRUNING, error));
  return repeatEvery(PRUNE_INTERVAL_MS, LOG_PRUNING, core.reportError, prune);
}
