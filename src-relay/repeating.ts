import type { AccountsRepository } from './storage/port/accounts.js';
import type { Leases } from './storage/port/leases.js';

/**
 * Runs `work` every `intervalMs` until the returned stop is called. A run still going when the
 * next is due is not started twice; a failure is reported (the relay's fault, never the
 * caller's) and the next run tries again.
 */
export function repeatEvery(intervalMs: number, what: string, reportError: (where: string, error: unknown) => void, work: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch((error: unknown) => reportError(what, error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Whether `work` settles within `ms`; it goes on either way (a timer's round that must not wait on one slow call). */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a per-tenant timer needs: the tenants, the leases, where failures go. */
export interface TenantTimerHost {
  store: { accounts: Pick<AccountsRepository, 'listTenants'> };
  leases: Leases;
  reportError(where: string, error: unknown): void;
}

/**
 * Per-tenant timer work that must run on one node of a cluster at a time: every `intervalMs`,
 * `work` for each tenant whose `purpose` lease this node holds, trying to take each on every
 * tick, so a node takes over within one tick of the holder giving it up or dying. On a single
 * node every lease is held. `purpose` is the lease's name, the same on every node: renaming it
 * lets an old and a new node both run the work during a rolling upgrade.
 */
export function repeatForTenants(host: TenantTimerHost, intervalMs: number, purpose: string, work: (tenantId: string) => Promise<unknown>): () => void {
  return repeatEvery(intervalMs, purpose, host.reportError, () => forLeasedTenants(host, purpose, work));
}

/** `work` for each tenant whose `purpose` lease this node holds now (taking the free ones), one after another. */
export async function forLeasedTenants(host: TenantTimerHost, purpose: string, work: (tenantId: string) => Promise<unknown>): Promise<void> {
  for (const { id } of await host.store.accounts.listTenants()) {
    if (await host.leases.acquire(purpose, id)) await work(id);
  }
}
