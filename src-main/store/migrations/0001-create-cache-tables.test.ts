import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../src-node/sqlite/migration.js';
import { createCacheTables } from './0001-create-cache-tables.js';

describe('0001-create-cache-tables', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, [createCacheTables]);
  });
  afterEach(() => db.close());

  it('creates the cache tables and the view of shown conversations', () => {
    expect(userVersion(db)).toBe(1);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(names).toEqual(['conversations', 'messages', 'outbox', 'session', 'shown_conversations']);
  });

  it('generates one client id for the installation and starts at cursor 0, signed out', () => {
    const row = db.prepare('SELECT client_id, cursor, token, agent_json, presence FROM session').all();
    expect(row).toEqual([{ client_id: expect.stringMatching(/^[0-9a-f-]{36}$/), cursor: 0, token: null, agent_json: null, presence: 'available' }]);
  });

  it('keeps outbox mutation ids rising after every row was deleted', () => {
    const insert = db.prepare("INSERT INTO outbox (kind, body, created_at) VALUES ('presence.set', '{}', 0)");
    insert.run();
    insert.run();
    db.exec('DELETE FROM outbox');
    expect(insert.run().lastInsertRowid).toBe(3);
  });

  it('refuses a second session row and an unknown delivery state', () => {
    expect(() => db.prepare("INSERT INTO session (singleton, client_id) VALUES (2, 'x')").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO messages (id, conversation_id, author, author_name, body, created_at, delivery) VALUES ('m', 'c', 'agent', 'A', 'b', 1, 'lost')").run(),
    ).toThrow(/CHECK/);
  });
});
