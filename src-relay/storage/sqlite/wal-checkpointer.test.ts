import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionTurns } from './connection-turns.js';
import { openRelayDatabase } from './sqlite-storage.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The relay's connection never checkpoints in a COMMIT (on the event loop): a worker does it between groups. */
describe('the WAL checkpointed off the event loop', () => {
  let dir: string;
  let dbPath: string;
  let db: Database.Database;
  let turns: ConnectionTurns;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wal-checkpointer-'));
    dbPath = path.join(dir, 'relay.db');
    db = openRelayDatabase(dbPath);
    turns = new ConnectionTurns(db);
  });
  afterEach(async () => {
    if (db.open) await turns.finally(() => db.close());
    rmSync(dir, { recursive: true, force: true });
  });

  /** `count` transactions, each a tenant with a name of about a page, asked for at once (one or a few groups). */
  const burst = (from: number, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        turns.transaction((inside) => inside(() => db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 1)').run(`t${from + i}`, 'x'.repeat(3000)))),
      ),
    );

  it('keeps the WAL from growing with what is written, with the connection set not to checkpoint itself', async () => {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // Five bursts of ~1.5 MB, further apart than checkpoints: without them the WAL would hold all ~7.5 MB.
    for (let round = 0; round < 5; round++) {
      await burst(round * 500, 500);
      await sleep(700);
    }
    expect(statSync(`${dbPath}-wal`).size).toBeLessThan(4_000_000);
    await turns.finally(() => db.close());
    const reopened = new Database(dbPath, { readonly: true });
    try {
      expect(reopened.prepare("SELECT COUNT(*) FROM tenants WHERE id LIKE 't%'").pluck().get()).toBe(2500);
    } finally {
      reopened.close();
    }
  });

  it('lets a transaction asked for during a checkpoint wait for it, then commit', async () => {
    await burst(0, 200);
    // The first checkpoint is due 500 ms after the connection opened: these come as it holds the connection.
    await sleep(490);
    await burst(200, 50);
    expect(db.prepare("SELECT COUNT(*) FROM tenants WHERE id LIKE 't%'").pluck().get()).toBe(250);
  });
});
