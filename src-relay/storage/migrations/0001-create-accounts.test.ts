import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../src-node/sqlite/migration.js';
import { createAccounts } from './0001-create-accounts.js';

function atVersion1(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [createAccounts]);
  return db;
}

describe('0001-create-accounts', () => {
  it('creates the account tables at version 1', () => {
    const db = atVersion1();
    expect(userVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['agent_teams', 'agents', 'auth_tokens', 'teams', 'tenants']);
  });

  it('keeps an email unique within a tenant but not across tenants', () => {
    const db = atVersion1();
    db.exec("INSERT INTO tenants VALUES ('t1', 'One', 0), ('t2', 'Two', 0)");
    const insert = db.prepare(
      "INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, created_at) VALUES (?, ?, 'a@x.test', 'A', 'agent', 'en', 'h', 0)",
    );
    insert.run('a1', 't1');
    insert.run('a2', 't2');
    expect(() => insert.run('a3', 't1')).toThrow(/UNIQUE/);
  });

  it('only takes known roles and chosen presences', () => {
    const db = atVersion1();
    db.exec("INSERT INTO tenants VALUES ('t1', 'One', 0)");
    expect(() =>
      db.exec("INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, created_at) VALUES ('a', 't1', 'e', 'n', 'owner', 'en', 'h', 0)"),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        "INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, presence, created_at) VALUES ('a', 't1', 'e', 'n', 'agent', 'en', 'h', 'offline', 0)",
      ),
    ).toThrow(/CHECK/);
  });

  it('drops an agent’s tokens with the agent', () => {
    const db = atVersion1();
    db.exec(`INSERT INTO tenants VALUES ('t1', 'One', 0);
      INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, created_at) VALUES ('a', 't1', 'e', 'n', 'agent', 'en', 'h', 0);
      INSERT INTO auth_tokens VALUES ('hash', 'a', 0, 10);
      DELETE FROM agents WHERE id = 'a';`);
    expect(db.prepare('SELECT COUNT(*) FROM auth_tokens').pluck().get()).toBe(0);
  });
});
