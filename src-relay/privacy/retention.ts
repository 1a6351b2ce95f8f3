import type { RelayCore } from '../relay-core.js';

export const DEFAULT_LOG_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Forgets log events older than the retention period, for every tenant. Conversations and
 * messages stay; a workstation offline for longer resyncs from a snapshot instead of replaying.
 */
export function pruneLogs(core: RelayCore, retentionDays: number): void {
  const before = core.now() - retentionDays * DAY_MS;
  for (const { id: tenantId } of core.store.accounts.listTenants()) {
    core.store.transaction(() => core.store.events.prune(tenantId, before));
  }
}

/** Prunes now and then hourly; returns a stop function. */
export function schedulePruning(core: RelayCore, retentionDays: number): () => void {
  const run = (): void => {
    try {
      pruneLogs(core, retentionDays);
    } catch (error) {
      core.reportError('log pruning', error);
    }
  };
  run();
  const timer = setInterval(run, PRUNE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
