import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionTurns } from './connection-turns.js';
import { openRelayDatabase } from './sqlite-storage.js';
import { WalFlusher } from './wal-flusher.js';

/** A disk whose flushes finish (or fail) when the test says. */
class GatedDisk {
  private readonly running: { finish(): void; fail(error: Error): void }[] = [];
  readonly syncFile = (): Promise<void> => new Promise<void>((finish, fail) => this.running.push({ finish, fail }));
  get flushing(): number {
    return this.running.length;
  }
  finishOne(): void {
    this.running.shift()?.finish();
  }
  failOne(): void {
    this.running.shift()?.fail(new Error('EIO: i/o error, fdatasync'));
  }
}

/** Lets every promise that can settle now settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A committed transaction is told so only once its WAL frames are on disk (wal-flusher.ts), and so is anyone who may have read it. */
describe('transactions on the one connection, flushed off the event loop', () => {
  let dir: string;
  let db: Database.Database;
  let disk: GatedDisk;
  let turns: ConnectionTurns;
  const insertTenant = (id: string) => () => db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 1)').run(id, id);
  const countTenants = () => db.prepare('SELECT COUNT(*) FROM tenants').pluck().get() as number;
  const synchronous = () => db.pragma('synchronous', { simple: true });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'connection-turns-'));
    db = openRelayDatabase(path.join(dir, 'relay.db'));
    disk = new GatedDisk();
    turns = new ConnectionTurns(db, new WalFlusher(`${db.name}-wal`, 2, disk.syncFile));
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits a group without SQLite flushing, tells it once the WAL is flushed, and holds back a read of it until then', async () => {
    const told: string[] = [];
    let syncDuringWork: unknown;
    const committed = turns.transaction(async (inside) => {
      syncDuringWork = synchronous();
      await inside(insertTenant('acme'));
    });
    void committed.then(() => told.push('committed'));
    await settle();
    // Committed (the connection is free again) but not on disk yet.
    expect(disk.flushing).toBe(1);
    expect(syncDuringWork).toBe(1);
    expect(synchronous()).toBe(2);
    const read = turns.statement(countTenants);
    void read.then(() => told.push('read'));
    await settle();
    expect(told).toEqual([]);
    disk.finishOne();
    expect(await read).toBe(1);
    await committed;
    expect(told).toEqual(['committed', 'read']);
  });

  it('answers an early read (one that only decides what a transaction writes) without waiting for the flush', async () => {
    const committed = turns.transaction((inside) => inside(insertTenant('acme')));
    await settle();
    expect(await turns.statement(countTenants, true)).toBe(1);
    expect(disk.flushing).toBe(1);
    disk.finishOne();
    await committed;
  });

  it('runs the next group while the one before is being flushed, and tells them in commit order', async () => {
    const told: string[] = [];
    const first = turns.transaction((inside) => inside(insertTenant('acme'))).then(() => told.push('first'));
    await settle();
    const second = turns.transaction((inside) => inside(insertTenant('globex'))).then(() => told.push('second'));
    await settle();
    // Both committed: the second group ran while the first one's flush was under way.
    expect(countTenants()).toBe(2);
    expect(disk.flushing).toBe(1);
    disk.finishOne();
    await first;
    await settle();
    expect(told).toEqual(['first']);
    disk.finishOne();
    await second;
    expect(told).toEqual(['first', 'second']);
  });

  it('fails the transactions of a group whose flush failed, and every transaction after', async () => {
    const lost = turns.transaction((inside) => inside(insertTenant('acme')));
    await settle();
    disk.failOne();
    await expect(lost).rejects.toThrow(/could not be flushed to disk: EIO/);
    await expect(turns.transaction((inside) => inside(insertTenant('globex')))).rejects.toThrow(/could not be flushed/);
  });

  it('closes only once the last flush is done', async () => {
    const committed = turns.transaction((inside) => inside(insertTenant('acme')));
    await settle();
    let closed = false;
    const closing = turns.finally(() => {
      db.close();
      closed = true;
    });
    await settle();
    expect(closed).toBe(false);
    disk.finishOne();
    await Promise.all([committed, closing]);
    expect(closed).toBe(true);
  });
});
