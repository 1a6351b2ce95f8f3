import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRelayDatabase } from './sqlite-storage.js';
import { walFlusherFor, WalFlusher } from './wal-flusher.js';

/** A file sync that finishes (or fails) when the test says, and counts how often it ran. */
class GatedDisk {
  calls = 0;
  private readonly running: { finish(): void; fail(error: Error): void }[] = [];
  readonly syncFile = (): Promise<void> => {
    this.calls++;
    return new Promise<void>((finish, fail) => this.running.push({ finish, fail }));
  };
  finishOne(): void {
    this.running.shift()?.finish();
  }
  failOne(): void {
    this.running.shift()?.fail(new Error('EIO: i/o error, fdatasync'));
  }
}

const settledYet = async (promise: Promise<unknown>): Promise<boolean> => {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return settled;
};

describe('the WAL flusher', () => {
  let dir: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wal-flusher-'));
    db = openRelayDatabase(path.join(dir, 'relay.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a flush only once its sync is done', async () => {
    const disk = new GatedDisk();
    const flusher = new WalFlusher(`${db.name}-wal`, 2, disk.syncFile);
    const flushed = flusher.flush();
    expect(await settledYet(flushed)).toBe(false);
    disk.finishOne();
    await flushed;
    expect(disk.calls).toBe(1);
  });

  it('lets the flushes asked for while one runs share the next one, which starts after it', async () => {
    const disk = new GatedDisk();
    const flusher = new WalFlusher(`${db.name}-wal`, 2, disk.syncFile);
    const first = flusher.flush();
    const later = [flusher.flush(), flusher.flush(), flusher.flush()];
    expect(disk.calls).toBe(1);
    disk.finishOne();
    await first;
    // The writes of those asked for later may have come after the first sync began: a sync of their own.
    expect(await settledYet(Promise.all(later))).toBe(false);
    expect(disk.calls).toBe(2);
    disk.finishOne();
    await Promise.all(later);
    expect(disk.calls).toBe(2);
    await flusher.idle();
  });

  it('refuses every flush after one failed, without trying again', async () => {
    const disk = new GatedDisk();
    const flusher = new WalFlusher(`${db.name}-wal`, 2, disk.syncFile);
    const failing = flusher.flush();
    const waiting = flusher.flush();
    disk.failOne();
    await expect(failing).rejects.toThrow(/write-ahead log could not be flushed to disk: EIO/);
    await expect(waiting).rejects.toThrow(/could not be flushed/);
    await expect(flusher.flush()).rejects.toThrow(/could not be flushed/);
    expect(disk.calls).toBe(1);
    expect(flusher.broken()?.message).toMatch(/EIO/);
  });

  it('flushes the real WAL file of a relay database', async () => {
    const flusher = walFlusherFor(db);
    expect(flusher?.level).toBe(2);
    db.exec("INSERT INTO tenants (id, name, created_at) VALUES ('acme', 'Acme', 1)");
    await flusher!.flush();
    flusher!.close();
  });

  it('leaves flushing to SQLite where it must: in memory, or on a connection not set to flush every commit', () => {
    const memory = new Database(':memory:');
    expect(walFlusherFor(memory)).toBeNull();
    memory.close();
    db.pragma('synchronous = NORMAL');
    expect(walFlusherFor(db)).toBeNull();
  });
});
