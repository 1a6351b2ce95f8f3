import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RelayStorage } from '../../../src-relay/storage/port/relay-storage.js';
import { openSqliteStorage } from '../../../src-relay/storage/sqlite/sqlite-storage.js';
import type { DeliverMail } from '../../../src-relay/email/imap/folder-sync.js';
import type { WatchedFolder } from '../../../src-relay/email/imap/imap-settings.js';
import type { DovecotUser } from './dovecot.js';

/** The relay's own storage (SQLite, in a temporary folder) with one tenant and one email account. */
export async function openRelayStore(): Promise<{ storage: RelayStorage; remove(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imap-relay-'));
  const storage = openSqliteStorage(path.join(dir, 'relay.sqlite'));
  await seedMailAccount(storage);
  return {
    storage,
    async remove() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Tenant `acme` with one account, `mail` (its provider does not matter to the watcher). */
export async function seedMailAccount(storage: RelayStorage): Promise<void> {
  await storage.transaction(async ({ accounts, channels }) => {
    await accounts.insertTenant({ id: 'acme', name: 'Acme' }, 1);
    await accounts.insertTeam('acme', { id: 'team', name: 'Support', languages: ['en'], schedule: null, overflowTeamId: null }, 0);
    await channels.insertAccount({ id: 'mail', tenantId: 'acme', provider: 'telegram', displayName: 'Support mailbox', teamId: 'team', webhookToken: 'token', sealedCredentials: '', createdAt: 1 });
  });
}

export function watchedFolder(server: DovecotUser, folder: string, over: Partial<WatchedFolder> = {}): WatchedFolder {
  return {
    tenantId: 'acme',
    accountId: 'mail',
    folder,
    connection: { host: server.host, port: server.port, security: 'none', user: server.user, password: server.password },
    importDays: 30,
    ...over,
  };
}

/** What `deliver` received, by Message-ID, in order: a stand-in for the inbound pipeline that records instead of storing. */
export class DeliveryLog {
  readonly delivered: string[] = [];

  /** The watcher's deliver: every mail of the batch recorded. */
  readonly deliver: DeliverMail = async (raws) => {
    for (const raw of raws) await this.deliverOne(raw);
    return { delivered: raws.length };
  };

  readonly deliverOne = async (raw: Buffer): Promise<void> => {
    const id = /^Message-ID:\s*(\S+)/im.exec(raw.toString('utf8'))?.[1];
    if (!id) throw new Error('A delivered mail without a Message-ID');
    this.delivered.push(id);
  };

  count(id: string): number {
    return this.delivered.filter((delivered) => delivered === id).length;
  }

  /** Each id, how many times it was delivered. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const id of this.delivered) counts[id] = (counts[id] ?? 0) + 1;
    return counts;
  }
}

/** A watcher's deliver made of one mail at a time: in order, stopping at the first that throws (as the pipeline counts a batch). */
export function oneByOne(deliverOne: (raw: Buffer) => Promise<void>): DeliverMail {
  return async (raws) => {
    for (const [i, raw] of raws.entries()) {
      try {
        await deliverOne(raw);
      } catch (failure) {
        return { delivered: i, failure };
      }
    }
    return { delivered: raws.length };
  };
}

/** Each id once: what `counts()` must equal when every delivery succeeded. */
export function once(ids: readonly string[]): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, 1]));
}
