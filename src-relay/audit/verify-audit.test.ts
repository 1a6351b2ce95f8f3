import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable } from '../../src-node/testing/postgres-schema.js';
import type { AuditRecord } from '../../src-shared/domain/audit.js';
import type { RelayStorage } from '../storage/port/relay-storage.js';
import { openPostgresStorage } from '../storage/postgres/postgres-storage.js';
import { openSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { seedTenants } from '../storage/contract/fixtures.js';
import { describeVerification, verifyAudit } from './verify-audit.js';

/** A database with a chain of five entries for acme and two for globex, and raw SQL past the product's refusals. */
interface Tamperable {
  storage: RelayStorage;
  /** Runs statements with the append-only triggers out of the way, as someone with the database's keys could. */
  tamper(statements: string): Promise<void>;
  remove(): Promise<void>;
}

const record = (at: number, n: number): AuditRecord => ({ at, actorId: 'root', actorAddress: '127.0.0.1', action: 'settings.routing_changed', target: { type: 'tenant', id: 'acme' }, details: { n } });

async function withChains(storage: RelayStorage): Promise<void> {
  await seedTenants(storage);
  for (let n = 1; n <= 5; n++) await storage.audit.append('acme', record(n, n));
  for (let n = 1; n <= 2; n++) await storage.audit.append('globex', record(n, n));
}

const sqlite = async (): Promise<Tamperable> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-audit-'));
  const file = path.join(dir, 'relay.sqlite');
  const storage = openSqliteStorage(file);
  await withChains(storage);
  return {
    storage,
    async tamper(statements) {
      const db = new Database(file);
      db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${statements}`);
      db.close();
    },
    async remove() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const postgres = async (): Promise<Tamperable> => {
  const schema = await createTestSchema();
  const storage = await openPostgresStorage(schema.settings);
  await withChains(storage);
  return {
    storage,
    async tamper(statements) {
      // The owner may switch the table's triggers off: the product never does, and the verifier catches what follows.
      await schema.pool.query(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${statements}; ALTER TABLE audit_log ENABLE TRIGGER USER`);
    },
    async remove() {
      await storage.close();
      await schema.drop();
    },
  };
};

const postgresAvailableNow = await postgresAvailable();

const ADAPTERS = [
  { name: 'SQLite', available: true, open: sqlite },
  { name: 'PostgreSQL', available: postgresAvailableNow, open: postgres },
];

for (const adapter of ADAPTERS) {
  describe.skipIf(!adapter.available)(`the audit verifier on ${adapter.name}`, () => {
    let opened: Tamperable | undefined;
    afterEach(async () => {
      await opened?.remove();
      opened = undefined;
    });

    it('finds every chain intact, and says how many entries it checked', async () => {
      opened = await adapter.open();
      const result = await verifyAudit(opened.storage);
      expect(result).toMatchObject({ entries: 7, broken: null });
      expect(describeVerification(result).lines[0]).toBe('audit chain intact: 7 entries');
      expect(describeVerification(result).exitCode).toBe(0);
    });

    it('names an entry whose details were changed', async () => {
      opened = await adapter.open();
      await opened.tamper(`UPDATE audit_log SET details = '{"n":99}' WHERE tenant_id = 'acme' AND seq = 3`);
      const result = await verifyAudit(opened.storage);
      expect(result.broken).toMatchObject({ tenantId: 'acme', seq: 3 });
      expect(result.broken?.problem).toMatch(/does not match its contents/);
      expect(describeVerification(result)).toMatchObject({ exitCode: 1, lines: [expect.stringMatching(/^audit chain BROKEN: tenant acme, seq 3: hash/)] });
    });

    it('names the gap a deleted middle entry leaves', async () => {
      opened = await adapter.open();
      await opened.tamper(`DELETE FROM audit_log WHERE tenant_id = 'acme' AND seq = 2`);
      const { broken } = await verifyAudit(opened.storage);
      expect(broken).toMatchObject({ tenantId: 'acme', seq: 2 });
      expect(broken?.problem).toMatch(/expected seq 2, found seq 3/);
    });

    it('names entries put in another order', async () => {
      opened = await adapter.open();
      await opened.tamper(
        `UPDATE audit_log SET seq = 100 WHERE tenant_id = 'acme' AND seq = 2;
         UPDATE audit_log SET seq = 2 WHERE tenant_id = 'acme' AND seq = 4;
         UPDATE audit_log SET seq = 4 WHERE tenant_id = 'acme' AND seq = 100`,
      );
      const { broken } = await verifyAudit(opened.storage);
      expect(broken).toMatchObject({ tenantId: 'acme', seq: 2 });
      expect(broken?.problem).toMatch(/prev_hash .* does not match the hash of seq 1/);
    });

    it("names an entry moved into another tenant's chain", async () => {
      opened = await adapter.open();
      await opened.tamper(`INSERT INTO audit_log SELECT 'globex', 3, at, actor_id, actor_address, action, target_type, target_id, details, prev_hash, hash FROM audit_log WHERE tenant_id = 'acme' AND seq = 5`);
      const { broken } = await verifyAudit(opened.storage);
      expect(broken).toMatchObject({ tenantId: 'globex', seq: 3 });
    });
  });
}

describe('npm run relay -- --verify-audit', () => {
  const run = (location: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src-relay/cli.ts', '--verify-audit', location]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it('prints the result for a SQLite path, and exits non-zero naming the broken entry', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-audit-cli-'));
    try {
      const file = path.join(dir, 'relay.sqlite');
      const storage = openSqliteStorage(file);
      await withChains(storage);
      await storage.close();
      expect(await run(file)).toEqual({ code: 0, stdout: expect.stringMatching(/^audit chain intact: 7 entries\n {2}tenant acme: seq 5, hash [0-9a-f]{64}\n/) });
      const db = new Database(file);
      db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE tenant_id = 'globex' AND seq = 1`);
      db.close();
      expect(await run(file)).toEqual({ code: 1, stdout: expect.stringMatching(/^audit chain BROKEN: tenant globex, seq 1: expected seq 1, found seq 2/) });
      expect((await run(path.join(dir, 'missing.sqlite'))).code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Three relay processes, each compiling the relay with tsx first.
  }, 180_000);

  it.skipIf(!postgresAvailableNow)('reads a postgres:// URL as the relay does', async () => {
    const schema = await createTestSchema();
    try {
      const storage = await openPostgresStorage(schema.settings);
      await withChains(storage);
      await storage.close();
      // The test's schema, chosen through the URL as any libpq option can be.
      const address = new URL(schema.settings.url);
      address.searchParams.set('options', `-c search_path=${schema.name}`);
      const url = address.toString();
      expect(await run(url)).toEqual({ code: 0, stdout: expect.stringMatching(/^audit chain intact: 7 entries\n/) });
      await schema.pool.query(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET actor_id = 'ann' WHERE tenant_id = 'acme' AND seq = 4`);
      expect(await run(url)).toEqual({ code: 1, stdout: expect.stringMatching(/^audit chain BROKEN: tenant acme, seq 4: hash/) });
    } finally {
      await schema.drop();
    }
  }, 120_000);
});
