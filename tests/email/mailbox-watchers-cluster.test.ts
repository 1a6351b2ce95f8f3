import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailboxWatchers, type MailboxWatchers } from '../../src-relay/email/imap/mailbox-watchers.js';
import type { RelayStorage } from '../../src-relay/storage/port/relay-storage.js';
import { openPostgresStorage } from '../../src-relay/storage/postgres/postgres-storage.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../src-node/testing/postgres-schema.js';
import { waitFor } from '../support/wait.js';
import { dovecotAvailable, startDovecot, type RunningDovecot } from './support/dovecot.js';
import { appendMails, openMailbox } from './support/mail-writer.js';
import { DeliveryLog, once, seedMailAccount, watchedFolder } from './support/watched-relay.js';

const available = dovecotAvailable() && (await postgresAvailable());
const FAST = { firstBackoffMs: 50, maxBackoffMs: 500, pollIntervalMs: 200 };

/** Two relay nodes on one PostgreSQL database, both told to watch the same folder. */
describe.skipIf(!available)('IMAP watchers across a cluster', () => {
  let dovecot: RunningDovecot;
  let writer: ImapFlow;
  let schema: TestSchema;
  const nodes: { storage: RelayStorage; watchers: MailboxWatchers; log: DeliveryLog }[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot();
    writer = await openMailbox(dovecot);
    schema = await createTestSchema();
    for (let n = 0; n < 2; n += 1) {
      const storage = await openPostgresStorage(schema.settings);
      if (n === 0) await seedMailAccount(storage);
      const log = new DeliveryLog();
      const watchers = startMailboxWatchers({
        leases: storage.leases,
        store: storage.mailboxes,
        listFolders: async () => [watchedFolder(dovecot, 'INBOX')],
        deliverFor: () => log.deliver,
        reportError: () => undefined,
        intervalMs: 200,
        timing: FAST,
      });
      nodes.push({ storage, watchers, log });
    }
  });
  afterAll(async () => {
    for (const node of nodes) {
      await node.watchers.stop();
      await node.storage.close();
    }
    await schema?.drop();
    await writer?.logout();
    await dovecot?.stop();
  });

  const watchingNodes = () => nodes.filter((node) => node.watchers.statusOf('mail', 'INBOX') !== null);
  const delivered = () => nodes.flatMap((node) => node.log.delivered);

  it('watches a folder on one node only, and on another once that one stops', async () => {
    await waitFor('a node to watch the folder', () => watchingNodes()[0]?.watchers.statusOf('mail', 'INBOX')?.phase === 'watching', 20_000);
    // Both nodes have tried the lease several times by now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(watchingNodes()).toHaveLength(1);
    const first = await appendMails(writer, 'INBOX', [1, 2]);
    await waitFor('two mails', () => delivered().length >= 2, 20_000);

    const [holder] = watchingNodes();
    await holder!.watchers.stop();
    const other = nodes.find((node) => node !== holder)!;
    await waitFor('the other node to take over', () => other.watchers.statusOf('mail', 'INBOX')?.phase === 'watching', 20_000);
    const second = await appendMails(writer, 'INBOX', [3]);
    await waitFor('the third mail', () => delivered().length >= 3, 20_000);

    expect(holder!.log.counts()).toEqual(once(first));
    expect(other.log.counts()).toEqual(once(second));
    expect((await other.storage.mailboxes.findFolderState('mail', 'INBOX'))?.lastUid).toBe(3);
  });
});
