import type { RelayCore } from '../../relay-core.js';
import type { EmailMailboxes } from '../mailboxes.js';
import { receiveEmails } from '../receive-email.js';
import type { WatchedFolder, WatchTiming } from './imap-settings.js';
import { startMailboxWatchers, type MailboxWatchers } from './mailbox-watchers.js';

/** How far back a mailbox's first connection imports. */
export const IMPORT_DAYS = 14;

export interface ImapIntakeOptions {
  /** How often the accounts and leases are looked at again (mailbox-watchers.ts). */
  intervalMs?: number;
  timing?: Partial<WatchTiming>;
}

/**
 * The relay's IMAP intake: the INBOX of every connected email account with an IMAP server is
 * watched (by one node of a cluster at a time), and its mail goes through the inbound pipeline a
 * batch at a time. A mail the pipeline stores, finds again or knowingly drops counts as
 * delivered; a storage failure stops the count, and the watcher keeps that UID and tries again.
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
      return { delivered: receipts.length, failure };
    },
  });
}

async function watchedFolders(core: RelayCore, mailboxes: EmailMailboxes): Promise<WatchedFolder[]> {
  const folders: WatchedFolder[] = [];
  for (const { id: tenantId } of await core.store.accounts.listTenants()) {
    for (const account of await core.store.channels.listAccounts(tenantId)) {
      const folder = account.provider === 'email' && !account.disconnectedAt ? folderOf(core, mailboxes, account) : null;
      if (folder) folders.push(folder);
    }
  }
  return folders;
}

/** The account's INBOX, or null when it has no IMAP server (direct delivery only) or its credentials cannot be opened. */
function folderOf(core: RelayCore, mailboxes: EmailMailboxes, account: Parameters<EmailMailboxes['credentialsOf']>[0]): WatchedFolder | null {
  let credentials;
  try {
    credentials = mailboxes.credentialsOf(account);
  } catch (error) {
    // One account's broken credentials must not keep the others from being watched.
    core.reportError(`email-imap credentials of ${account.id}`, error);
    return null;
  }
  if (!credentials?.imapHost) return null;
  return {
    tenantId: account.tenantId,
    accountId: account.id,
    folder: 'INBOX',
    importDays: IMPORT_DAYS,
    connection: {
      host: credentials.imapHost,
      port: credentials.imapPort,
      security: credentials.imapSecurity,
      user: credentials.imapUser ?? credentials.address,
      password: credentials.imapPassword ?? credentials.smtpPassword,
    },
  };
}
