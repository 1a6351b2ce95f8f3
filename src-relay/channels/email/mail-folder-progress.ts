import type { MailFolderProgress } from '../../../src-shared/protocol/channels/accounts.js';
import type { RelayCore } from '../../relay-core.js';
import type { ChannelRuntime } from '../channel-runtime.js';
import { EmailCredentials, folderListOf } from './email-credentials.js';

/**
 * The watched folders of the tenant's connected email accounts, as the relay's stored folder
 * states have them (any node may be the one reading a folder, so nothing here is the watcher's
 * memory). A folder the administrator no longer watches is left out; one watched but not yet
 * reached shows as importing nothing so far.
 */
export async function mailFolderProgress(core: RelayCore, runtime: ChannelRuntime, tenantId: string): Promise<MailFolderProgress[]> {
  const adapter = runtime.adapterOf('email');
  if (!adapter) return [];
  const states = await core.store.mailboxes.listFolderStates(tenantId);
  const progress: MailFolderProgress[] = [];
  for (const account of await core.store.channels.listAccounts(tenantId)) {
    if (account.provider !== 'email' || account.disconnectedAt) continue;
    const credentials = EmailCredentials.safeParse(openedOrNull(() => runtime.credentialsOf(adapter, account)));
    if (!credentials.success || !credentials.data.imapHost) continue;
    for (const folder of folderListOf(credentials.data.imapFolders)) {
      const state = states.find((candidate) => candidate.accountId === account.id && candidate.folder === folder);
      progress.push({
        accountId: account.id,
        folder,
        importing: state?.importing ?? true,
        found: state?.importTotal ?? 0,
        imported: state?.importDone ?? 0,
        syncedAt: state?.syncedAt ?? null,
        lastError: state?.lastError ?? null,
      });
    }
  }
  return progress;
}

/** Credentials that cannot be opened (a changed secrets key) show no folders rather than failing the whole list. */
function openedOrNull(open: () => unknown): unknown {
  try {
    return open();
  } catch {
    return null;
  }
}
