import type { TemplateRefreshAnswer } from '../../src-shared/protocol/channels/templates.js';
import type { RelayCore } from '../relay-core.js';
import { repeatForTenants } from '../repeating.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import type { ChannelRuntime } from './channel-runtime.js';

/** Templates are approved or paused in the provider's console, not here: an hourly look keeps the composer's list close. */
const DEFAULT_REFRESH_MS = 60 * 60_000;

/**
 * The account's approved templates, fetched from the provider now and kept in place of the ones
 * before (a template paused or deleted in WhatsApp Manager disappears from the composer). A
 * refusal keeps the last list: the templates did not change because Meta could not be asked.
 */
export async function refreshChannelTemplates(core: RelayCore, runtime: ChannelRuntime, account: ChannelAccount): Promise<TemplateRefreshAnswer> {
  if (account.disconnectedAt) return { ok: false, error: 'This account was disconnected: the relay no longer holds its credentials.' };
  const adapter = runtime.adapterOf(account.provider);
  if (!adapter?.listTemplates) return { ok: false, error: `${adapter?.rules.name ?? account.provider} has no approved message templates.` };
  let credentials: unknown;
  try {
    credentials = runtime.credentialsOf(adapter, account);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const listed = await adapter.listTemplates(credentials, runtime.apiOf(adapter));
  if (!listed.ok) return { ok: false, error: listed.error.slice(0, 1000) };
  const fetchedAt = core.now();
  await core.store.transaction((tx) => tx.channels.replaceTemplates(account.id, listed.templates, fetchedAt), { tenantId: account.tenantId });
  return { ok: true, approved: listed.templates.length, fetchedAt };
}

/**
 * Every `intervalMs` (an hour by default), each tenant's connected accounts whose provider has
 * templates are refreshed, on one node of a cluster at a time (the `channel-templates` lease).
 * A refusal is the administrator's to see on "refresh templates"; here it only keeps the last list.
 */
export function scheduleTemplateRefresh(core: RelayCore, runtime: ChannelRuntime, intervalMs = DEFAULT_REFRESH_MS): () => void {
  return repeatForTenants(core, intervalMs, 'channel-templates', async (tenantId) => {
    for (const account of await core.store.channels.listAccounts(tenantId)) {
      if (!account.disconnectedAt && runtime.adapterOf(account.provider)?.listTemplates) await refreshChannelTemplates(core, runtime, account);
    }
  });
}
