import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { watchFolder, type FolderWatcher, type FolderWatcherOptions, type FolderWatchStatus } from '../../src-relay/email/imap/folder-watcher.js';
import type { RelayStorage } from '../../src-relay/storage/port/relay-storage.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';
import { dovecotAvailable, startDovecot, type RunningDovecot } from './support/dovecot.js';
import { appendMails, openMailbox, recreateFolder, uidValidityOf } from './support/mail-writer.js';
import { DeliveryLog, once, oneByOne, openRelayStore, watchedFolder } from './support/watched-relay.js';

/** Short waits: the server is on loopback. Arrival is awaited with generous timeouts, never asserted as a time. */
const FAST = { firstBackoffMs: 50, maxBackoffMs: 500, pollIntervalMs: 200 };
const ARRIVAL_MS = 20_000;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.skipIf(!dovecotAvailable())('watching an IMAP folder on Dovecot', () => {
  let dovecot: RunningDovecot;
  let writer: ImapFlow;
  let relay: { storage: RelayStorage; remove(): Promise<void> };
  let folderCount = 0;
  let folder: string;
  const watchers: FolderWatcher[] = [];

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
    // A folder per test: the server is shared, the mail is not.
    folder = `Test${++folderCount}`;
    await writer.mailboxCreate(folder);
  });
  afterEach(async () => {
    await Promise.all(watchers.splice(0).map((watcher) => watcher.stop()));
    await relay.remove();
  });

  const start = (log: DeliveryLog, over: Partial<FolderWatcherOptions> = {}, statuses: FolderWatchStatus[] = []) => {
    const watcher = watchFolder({
      folder: watchedFolder(dovecot, folder),
      store: relay.storage.mailboxes,
      deliver: log.deliver,
      timing: FAST,
      onStatus: (status) => statuses.push(status),
      ...over,
    });
    watchers.push(watcher);
    return watcher;
  };
  const stored = () => relay.storage.mailboxes.findFolderState('mail', folder);
  const watching = (watcher: FolderWatcher) => waitFor('the watcher to watch', () => watcher.status().phase === 'watching', ARRIVAL_MS);

  it('delivers mail appended while it idles, each message once, and stores the last UID', async () => {
    const log = new DeliveryLog();
    const statuses: FolderWatchStatus[] = [];
    const watcher = start(log, {}, statuses);
    await watching(watcher);
    expect(watcher.status().mode).toBe('idle');
    // Idling means waiting: no pass follows another while nothing arrives.
    const passes = statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(statuses.length).toBe(passes);
    const ids = await appendMails(writer, folder, [1, 2, 3]);
    await waitFor('three mails', () => log.delivered.length >= 3, ARRIVAL_MS);
    // Another announcement must not bring the same mail again.
    const later = await appendMails(writer, folder, [4]);
    await waitFor('the fourth mail', () => log.delivered.length >= 4, ARRIVAL_MS);
    expect(log.counts()).toEqual(once([...ids, ...later]));
    expect(await stored()).toMatchObject({ lastUid: 4, importing: false, uidValidity: await uidValidityOf(writer, folder) });
  });

  it('makes another pass for mail announced during a pass, rather than idling past it', async () => {
    const log = new DeliveryLog();
    const ids = await appendMails(writer, folder, [1, 2]);
    let arrived: string[] = [];
    start(log, {
      deliver: oneByOne(async (raw) => {
        // Arrives while the pass is under way: the next FETCH's answer announces it, the IDLE after will not.
        if (raw.toString().includes(ids[0]!) && arrived.length === 0) arrived = await appendMails(writer, folder, [3]);
        await log.deliverOne(raw);
      }),
    });
    await waitFor('all three mails', () => log.delivered.length >= 3, ARRIVAL_MS);
    expect(log.counts()).toEqual(once([...ids, ...arrived]));
  });

  it('polls when told not to idle, and still delivers each message once', async () => {
    const log = new DeliveryLog();
    const watcher = start(log, { timing: { ...FAST, useIdle: false } });
    await watching(watcher);
    expect(watcher.status().mode).toBe('poll');
    const ids = await appendMails(writer, folder, [1, 2]);
    await waitFor('two mails', () => log.delivered.length >= 2, ARRIVAL_MS);
    expect(log.counts()).toEqual(once(ids));
  });

  it('loses nothing and repeats nothing when stopped and started again while mail keeps arriving', async () => {
    const log = new DeliveryLog();
    let watcher = start(log);
    const arriving = (async () => {
      const ids: string[] = [];
      for (const n of range(1, 30)) {
        ids.push(...(await appendMails(writer, folder, [n])));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return ids;
    })();
    await waitFor('the first mails', () => log.delivered.length >= 5, ARRIVAL_MS);
    await watcher.stop();
    const whileStopped = log.delivered.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Stopped means stopped: nothing is delivered until it starts again.
    expect(log.delivered.length).toBe(whileStopped);
    watcher = start(log);
    const ids = await arriving;
    await waitFor('all thirty mails', () => log.delivered.length >= 30, ARRIVAL_MS);
    await watching(watcher);
    expect(log.counts()).toEqual(once(ids));
    expect((await stored())?.lastUid).toBe(30);
  });

  it('catches up from the stored UID after the server was out of reach', async () => {
    const proxy = await startTcpProxy({ host: dovecot.host, port: dovecot.port });
    try {
      const log = new DeliveryLog();
      const statuses: FolderWatchStatus[] = [];
      const through = watchedFolder(dovecot, folder, { connection: { ...watchedFolder(dovecot, folder).connection, port: proxy.port } });
      const watcher = start(log, { folder: through }, statuses);
      await watching(watcher);
      const before = await appendMails(writer, folder, [1, 2]);
      await waitFor('two mails', () => log.delivered.length >= 2, ARRIVAL_MS);
      await proxy.cut();
      const during = await appendMails(writer, folder, [3, 4, 5]);
      await waitFor('the watcher to notice', () => watcher.status().phase === 'retrying', ARRIVAL_MS);
      expect(watcher.status().lastError).toEqual(expect.any(String));
      await proxy.resume();
      await waitFor('the mail of the outage', () => log.delivered.length >= 5, ARRIVAL_MS);
      await watching(watcher);
      expect(log.counts()).toEqual(once([...before, ...during]));
      expect(watcher.status().lastError).toBeNull();
    } finally {
      await proxy.close();
    }
  });

  it('retries a delivery that failed and never stores a UID past it', async () => {
    const log = new DeliveryLog();
    let failuresLeft = 2;
    const uidsWhileFailing: number[] = [];
    const ids = await appendMails(writer, folder, [1, 2, 3]);
    start(log, {
      deliver: oneByOne(async (raw) => {
        if (raw.toString().includes(ids[1] ?? '?') && failuresLeft > 0) {
          failuresLeft -= 1;
          uidsWhileFailing.push((await stored())?.lastUid ?? -1);
          throw new Error('The database is away');
        }
        await log.deliverOne(raw);
      }),
    });
    await waitFor('all three mails', () => log.delivered.length >= 3, ARRIVAL_MS);
    // The three came in one batch: the first failure stored nothing yet, then the UID of the
    // first (delivered before the failure), and no further until the second was delivered.
    expect(uidsWhileFailing).toEqual([0, 1]);
    // Delivered in UID order: the third waited for the second.
    expect(log.delivered).toEqual(ids);
    expect((await stored())?.lastUid).toBe(3);
  });

  it('reads the folder again, from the same start, when its UIDVALIDITY changed', async () => {
    const log = new DeliveryLog();
    let watcher = start(log);
    const first = await appendMails(writer, folder, [1, 2]);
    await waitFor('two mails', () => log.delivered.length >= 2, ARRIVAL_MS);
    const before = await stored();
    await watcher.stop();
    // The server lost its index: the same mail comes back under new UIDs, with one more.
    await recreateFolder(writer, folder);
    const again = await appendMails(writer, folder, [1, 2, 3]);
    watcher = start(log);
    await waitFor('the rescan', () => log.delivered.length >= 5, ARRIVAL_MS);
    await watching(watcher);
    // At least once: the two known mails come again (the pipeline drops them by Message-ID), the new one once.
    expect(log.counts()).toEqual({ [first[0]!]: 2, [first[1]!]: 2, [again[2]!]: 1 });
    expect(await stored()).toMatchObject({ uidValidity: await uidValidityOf(writer, folder), lastUid: 3, windowStart: before?.windowStart, importing: false });
  });

  it('notices a new UIDVALIDITY while it watches, and reads the folder again', async () => {
    const log = new DeliveryLog();
    const errors: unknown[] = [];
    // Dovecot does not tell a session that its folder was deleted: the watcher finds out when it renews its IDLE, and selects it again.
    const watcher = start(log, { timing: { ...FAST, idleRenewMs: 500 }, onError: (error) => errors.push(error) });
    const first = await appendMails(writer, folder, [1]);
    await waitFor('the first mail', () => log.delivered.length >= 1, ARRIVAL_MS);
    const before = (await stored())?.uidValidity;
    await recreateFolder(writer, folder);
    const again = await appendMails(writer, folder, [1, 2]);
    await waitFor('the rescan', () => log.delivered.length >= 3, ARRIVAL_MS);
    await watching(watcher);
    expect(log.counts()).toEqual({ [first[0]!]: 2, [again[1]!]: 1 });
    expect(errors).toEqual([]);
    expect((await stored())?.uidValidity).not.toBe(before);
  });

  it('imports the last N days on a first connection, showing its progress, then takes every new mail whatever its date', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = await appendMails(writer, folder, [1, 2], new Date(Date.now() - 40 * day));
    const recent = await appendMails(writer, folder, [3, 4, 5], new Date(Date.now() - 2 * day));
    const log = new DeliveryLog();
    const statuses: FolderWatchStatus[] = [];
    const watcher = start(log, { folder: watchedFolder(dovecot, folder, { importDays: 7 }) }, statuses);
    await watching(watcher);
    expect(log.counts()).toEqual(once(recent));
    const progress = statuses.filter((status) => status.phase === 'importing').map((status) => status.import);
    // Told as each batch is stored: here the three came in one.
    expect(progress).toEqual([0, 3].map((done) => ({ done, total: 3 })));
    expect(watcher.status().import).toEqual({ done: 3, total: 3 });
    // Kept with the folder's state too, for an administrator whose request reaches another node.
    expect(await stored()).toMatchObject({ importing: false, importTotal: 3, importDone: 3 });
    // Moved in from an archive after the import: a new UID, so it is new to the relay.
    const movedIn = await appendMails(writer, folder, [6], new Date(Date.now() - 90 * day));
    await waitFor('the moved-in mail', () => log.delivered.length >= 4, ARRIVAL_MS);
    expect(log.counts()).toEqual(once([...recent, ...movedIn]));
    expect(log.count(old[0]!) + log.count(old[1]!)).toBe(0);
  });

  it('refuses to log in without TLS when the account asks for STARTTLS and the server does not offer it', async () => {
    const errors: unknown[] = [];
    const log = new DeliveryLog();
    await appendMails(writer, folder, [1]);
    const starttls = watchedFolder(dovecot, folder, { connection: { ...watchedFolder(dovecot, folder).connection, security: 'starttls' } });
    const watcher = start(log, { folder: starttls, onError: (error) => errors.push(error) });
    await waitFor('a refused connection', () => errors.length >= 1, ARRIVAL_MS);
    expect(watcher.status().lastError).toMatch(/STARTTLS|TLS/i);
    expect(log.delivered).toEqual([]);
  });

  it('keeps retrying, without throwing, when the server refuses the login or the folder', async () => {
    const loginErrors: unknown[] = [];
    const folderErrors: unknown[] = [];
    const log = new DeliveryLog();
    const wrong = watchedFolder({ ...dovecot, password: 'wrong' }, folder);
    const refused = start(log, { folder: wrong, onError: (error) => loginErrors.push(error) });
    const missing = start(log, { folder: watchedFolder(dovecot, 'NoSuchFolder'), onError: (error) => folderErrors.push(error) });
    await waitFor('a second failed login', () => loginErrors.length >= 2, ARRIVAL_MS);
    await waitFor('a second refused folder', () => folderErrors.length >= 2, ARRIVAL_MS);
    // In words the administrator can act on.
    expect(refused.status().lastError).toMatch(new RegExp(`^Can't sign in to ${dovecot.host}: the server refused the user name or password`));
    expect(missing.status().lastError).toBe(`The folder "NoSuchFolder" does not exist on ${dovecot.host}: check its name in the mailbox's folders to watch`);
    expect(log.delivered).toEqual([]);
  });
});
