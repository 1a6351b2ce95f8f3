import { createServer, type Server, type Socket } from 'node:net';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WatchedFolder } from '../../src-relay/email/imap/imap-settings.js';
import { startMailboxWatchers, type MailboxWatchers } from '../../src-relay/email/imap/mailbox-watchers.js';
import { watchFolder } from '../../src-relay/email/imap/folder-watcher.js';
import type { RelayStorage } from '../../src-relay/storage/port/relay-storage.js';
import { waitFor } from '../support/wait.js';
import { dovecotAvailable, startDovecot, type RunningDovecot } from './support/dovecot.js';
import { appendMails, openMailbox } from './support/mail-writer.js';
import { DeliveryLog, once, openRelayStore, watchedFolder } from './support/watched-relay.js';

const FAST = { firstBackoffMs: 50, maxBackoffMs: 500, pollIntervalMs: 200 };

describe.skipIf(!dovecotAvailable())('the watchers of a single relay', () => {
  let dovecot: RunningDovecot;
  let writer: ImapFlow;
  let relay: { storage: RelayStorage; remove(): Promise<void> };
  let watchers: MailboxWatchers | undefined;

  beforeAll(async () => {
    dovecot = await startDovecot();
    writer = await openMailbox(dovecot);
  });
  afterAll(async () => {
    await writer?.logout();
    await dovecot?.stop();
  });
  beforeEach(async () => {
    relay = await openRelayStore();
  });
  afterEach(async () => {
    await watchers?.stop();
    await relay.remove();
  });

  it('follows the folders it is given: a new password restarts the watcher, a folder left out stops it', async () => {
    let folders: WatchedFolder[] = [watchedFolder({ ...dovecot, password: 'wrong' }, 'INBOX')];
    const log = new DeliveryLog();
    watchers = startMailboxWatchers({
      leases: relay.storage.leases,
      store: relay.storage.mailboxes,
      listFolders: async () => folders,
      deliverFor: () => log.deliver,
      reportError: () => undefined,
      intervalMs: 60_000,
      timing: FAST,
    });
    await waitFor('the refused login', () => watchers?.statusOf('mail', 'INBOX')?.lastError, 20_000);
    folders = [watchedFolder(dovecot, 'INBOX')];
    await watchers.reconcile();
    const ids = await appendMails(writer, 'INBOX', [1]);
    await waitFor('the mail', () => log.delivered.length >= 1, 20_000);
    expect(watchers.statusOf('mail', 'INBOX')).toMatchObject({ phase: 'watching', lastError: null });
    folders = [];
    await watchers.reconcile();
    expect(watchers.statusOf('mail', 'INBOX')).toBeNull();
    await appendMails(writer, 'INBOX', [2]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.counts()).toEqual(once(ids));
  });
});

describe('a watcher facing a server that answers nonsense', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Greets like IMAP, then answers every command with bytes no IMAP server sends.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.write('* OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] ready\r\n');
      socket.on('data', () => socket.write('\u0000\u00ff garbage ) ( "unterminated\r\n* 7 FETCH (UID x)\r\nA1 OK [UIDVALIDITY banana]\r\n'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up a connection that answers nothing it understands, keeps retrying with the reason, and stops when asked', async () => {
    const port = (server.address() as { port: number }).port;
    const log = new DeliveryLog();
    const errors: unknown[] = [];
    const folder: WatchedFolder = { tenantId: 'acme', accountId: 'mail', folder: 'INBOX', importDays: 1, connection: { host: '127.0.0.1', port, security: 'none', user: 'u', password: 'p' } };
    const watcher = watchFolder({
      folder,
      store: { findFolderState: async () => null, saveFolderState: async () => undefined, advanceFolder: async () => false, recordFolderSynced: async () => undefined, recordFolderFailure: async () => undefined },
      deliver: log.deliver,
      timing: { ...FAST, maxBackoffMs: 100, socketTimeoutMs: 500 },
      onError: (error) => errors.push(error),
    });
    await waitFor('a second failed attempt', () => errors.length >= 2, 20_000);
    expect(watcher.status().lastError).toEqual(expect.any(String));
    await watcher.stop();
    expect(watcher.status().phase).toBe('stopped');
    expect(log.delivered).toEqual([]);
  });
});
