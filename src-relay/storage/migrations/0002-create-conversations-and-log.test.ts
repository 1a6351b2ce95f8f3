import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../src-node/sqlite/migration.js';
import { createAccounts } from './0001-create-accounts.js';
import { createConversationsAndLog } from './0002-create-conversations-and-log.js';

function atVersion2(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [createAccounts, createConversationsAndLog]);
  db.exec("INSERT INTO tenants VALUES ('t1', 'One', 0)");
  return db;
}

describe('0002-create-conversations-and-log', () => {
  it('upgrades a version 1 database and keeps its accounts', () => {
    const db = new Database(':memory:');
    migrate(db, [createAccounts]);
    db.exec("INSERT INTO tenants VALUES ('t1', 'One', 0)");
    migrate(db, [createAccounts, createConversationsAndLog]);
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT id FROM tenants').pluck().all()).toEqual(['t1']);
  });

  it('allows one event per (tenant, seq)', () => {
    const db = atVersion2();
    const insert = db.prepare("INSERT INTO events (tenant_id, seq, at, data) VALUES ('t1', ?, 0, '{}')");
    insert.run(1);
    insert.run(2);
    expect(() => insert.run(2)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('remembers a provider message id once per tenant and channel', () => {
    const db = atVersion2();
    db.exec(`INSERT INTO teams VALUES ('team', 't1', 'Team', '["en"]', 0);
      INSERT INTO customers VALUES ('cu', 't1', 'C', 'en', NULL, 0);
      INSERT INTO conversations VALUES ('c', 't1', 'cu', 'webchat', 'team', NULL, 'open', 'en', NULL, 0, 0, 0, '');
      INSERT INTO messages VALUES ('m1', 't1', 'c', 'customer', 'cu', 'C', 'hi', 'x1', 0);
      INSERT INTO messages VALUES ('m2', 't1', 'c', 'customer', 'cu', 'C', 'hi', 'x1', 0);
      INSERT INTO provider_messages VALUES ('t1', 'webchat', 'p1', 'm1');`);
    expect(() => db.exec("INSERT INTO provider_messages VALUES ('t1', 'webchat', 'p1', 'm2')")).toThrow(/UNIQUE|PRIMARY/);
    db.exec("INSERT INTO provider_messages VALUES ('t1', 'email', 'p1', 'm2')");
  });

  it('refuses a conversation whose team does not exist', () => {
    const db = atVersion2();
    db.exec("INSERT INTO customers VALUES ('cu', 't1', 'C', 'en', NULL, 0)");
    expect(() =>
      db.exec("INSERT INTO conversations VALUES ('c', 't1', 'cu', 'webchat', 'nope', NULL, 'open', 'en', NULL, 0, 0, 0, '')"),
    ).toThrow(/FOREIGN KEY/);
  });
});
