import { folderListOf } from '../../channels/email/email-credentials.js';
import type { RelayCore } from '../../relay-core.js';
import type { EmailMailboxes } from '../mailboxes.js';
import { receiveEmails } from '../receive-email.js';
import { imapLoginOf } from './imap-login.js';
import type { WatchedFolder, WatchTiming } from './imap-settings.js';
import { startMailboxWatchers, type MailboxWatchers } from './mailbox-watchers.js';

export interface ImapIntakeOptions {
  /** How often the accounts and leases are looked at again (mailbox-watchers.ts). */
  intervalMs?: number;
  timing?: Partial<WatchTiming>;
}

/**
 * The relay's IMAP intake: each folder the administrator chose (INBOX by default) of every
 * connected email account with an IMAP server is watched (by one node of a cluster at a time),
 * and its mail goes through the inbound pipeline a batch at a time. A mail the pipeline stores,
 * finds again or knowingly drops counts as delivered; a storage failure stops the count, and the
 * watcher keeps that UID and tries again.
 */
export function startImapIntake(core: RelayCore, mailboxes: EmailMailboxes, options: ImapIntakeOptions = {}): MailboxWatchers {
  return startMailboxWatchers({
    leases: core.leases,
    store: core.store.mailboxes,
    reportError: core.reportError,
    intervalMs: options.intervalMs,
    timing: options.timing,
    listFolders: () => watchedFolders(core, mailboxes),
    deliverFor: (folder) => async (raws) => {
      const account = await core.store.channels.findAccount(folder.accountId);
      // Disconnected meanwhile: its mail is not read (the watcher stops at the next look).
      if (!account || account.disconnectedAt) return { delivered: raws.length };
      const { receipts, failure } = await receiveEmails(core, account, raws);
      // Passed over for good (it stays in the folder): the administrator hears of each one.
      for (const receipt of receipts) {
        if (receipt.outcome === 'dropped' && receipt.reason === 'unreadable') core.reportError(`email-imap ${folder.folder} of ${folder.accountId}: a mail passed over`, new Error(receipt.detail));
      }
      return { delivered: receipts.length, failure };
    },
  });
}

async function watchedFolders(core: RelayCore, mailboxes: EmailMailboxes): Promise<WatchedFolder[]> {
  const folders: WatchedFolder[] = [];
  for (const { id: tenantId } of await core.store.accounts.listTenants()) {
    for (const account of await core.store.channels.listAccounts(tenantId)) {
      if (account.provider === 'email' && !account.disconnectedAt) folders.push(...foldersOf(core, mailboxes, account));
    }
  }
  return folders;
}

/** The account's chosen folders; none when it has no IMAP server (direct delivery only) or its credentials cannot be opened. */
function foldersOf(core: RelayCore, mailboxes: EmailMailboxes, account: Parameters<EmailMailboxes['credentialsOf']>[0]): WatchedFolder[] {
  let credentials;
  try {
    credentials = mailboxes.credentialsOf(account);
  } catch (error) {
    // One account's broken credentials must not keep the others from being watched.
    core.reportError(`email-imap credentials of ${account.id}`, error);
    return [];
  }
  if (!credentials?.imapHost) return [];
  const connection = {
    host: credentials.imapHost,
    port: credentials.imapPort,
    security: credentials.imapSecurity,
    user: credentials.imapUser ?? credentials.address,
    ...imapLoginOf(core, mailboxes, account, credentials),
  };
  return folderListOf(credentials.imapFolders).map((folder) => ({ tenantId: account.tenantId, accountId: account.id, folder, importDays: credentials.imapImportDays, connection }));
}
