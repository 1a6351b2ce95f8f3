import type Database from 'better-sqlite3';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import { tempSqliteFile } from '../../testing/test-relay.js';
import { migratePostgres } from '../../../src-node/postgres/migration.js';
import { POSTGRES_MIGRATIONS } from '../postgres/migrations/index.js';
import { refuseNewerRelay } from '../postgres/relay-pool.js';
import { openRelayDatabase } from '../sqlite/sqlite-storage.js';
import { COPY_PLAN } from './copy-plan.js';
import type { BatchCopied } from './copy-table.js';
import { copyToPostgres, TargetRefused } from './copy-to-postgres.js';
import { writeBusyCompany } from './testing/busy-company.js';

type Row = Record<string, unknown>;

/** Every row of a table, with SQLite's columns only, in one order for both sides (JSON kept as parsed values). */
async function rowsOf(source: Database.Database, target: pg.Pool, table: string): Promise<{ sqlite: Row[]; postgres: Row[] }> {
  const columns = (source.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
  const sorted = (rows: Row[]) => rows.map((row) => ({ ...row, ...(typeof row.sla === 'string' ? { sla: JSON.parse(row.sla) as unknown } : {}) })).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    sqlite: sorted(source.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Row[]),
    postgres: sorted((await target.query<Row>(`SELECT ${columns.join(', ')} FROM ${table}`)).rows),
  };
}

async function expectSameRows(source: Database.Database, target: pg.Pool): Promise<void> {
  for (const { name } of COPY_PLAN) {
    const { sqlite, postgres } = await rowsOf(source, target, name);
    expect(postgres, name).toEqual(sqlite);
  }
}

describe.skipIf(!(await postgresAvailable()))('copying a relay from SQLite into PostgreSQL', () => {
  let file: { dbPath: string; remove(): void };
  let source: Database.Database;
  let schema: TestSchema;

  beforeEach(async () => {
    file = tempSqliteFile();
    await writeBusyCompany(file.dbPath);
    source = openRelayDatabase(file.dbPath);
    schema = await createTestSchema();
    await migratePostgres(schema.pool, POSTGRES_MIGRATIONS, refuseNewerRelay);
  });

  afterEach(async () => {
    source.close();
    file.remove();
    await schema.drop();
  });

  it('copies every row of a company with activity, keeps seqs and floors, and verifies', async () => {
    const report = await copyToPostgres(source, schema.pool, { batchSize: 7 });

    expect(report.differences).toEqual([]);
    for (const table of ['events', 'messages', 'log_floors', 'erasures', 'erased_conversations', 'article_versions', 'ratings', 'sla_breaches', 'client_mutations']) {
      expect(report.tables.find((row) => row.table === table)?.target, table).toBeGreaterThan(0);
    }
    const demo = report.tenants.find((row) => row.tenantId === 'demo');
    expect(demo?.sourceFloor).toBeGreaterThan(0);
    expect(demo?.targetHead).toBe(demo?.sourceHead);
    await expectSameRows(source, schema.pool);
    // messages.position stands for SQLite's rowid: the copy keeps the order they were written in.
    const sqliteOrder = (source.prepare('SELECT id FROM messages ORDER BY rowid').all() as { id: string }[]).map((row) => row.id);
    const postgresOrder = (await schema.pool.query<{ id: string }>('SELECT id FROM messages ORDER BY position')).rows.map((row) => row.id);
    expect(postgresOrder).toEqual(sqliteOrder);
  });

  it('resumes an interrupted copy where it stopped, without duplicating a row', async () => {
    let batches = 0;
    let stoppedIn = { table: '', copied: 0 };
    const interrupt = (batch: BatchCopied) => {
      stoppedIn = batch;
      if (++batches === 6) throw new Error('interrupted');
    };
    await expect(copyToPostgres(source, schema.pool, { batchSize: 3, afterBatch: interrupt })).rejects.toThrow('interrupted');
    // Stopped inside a table, after its batch had committed.
    const total = (source.prepare(`SELECT COUNT(*) AS count FROM ${stoppedIn.table}`).get() as { count: number }).count;
    expect(stoppedIn.copied).toBeLessThan(total);

    const resumed: BatchCopied[] = [];
    const report = await copyToPostgres(source, schema.pool, { batchSize: 3, afterBatch: (batch) => void resumed.push(batch) });

    expect(report.differences).toEqual([]);
    expect(resumed[0]).toEqual({ table: stoppedIn.table, rows: expect.any(Number), copied: stoppedIn.copied + (resumed[0]?.rows ?? 0) });
    await expectSameRows(source, schema.pool);
    // Once done, another run copies nothing and verifies again.
    const again = await copyToPostgres(source, schema.pool, { afterBatch: () => expect.fail('copied a batch twice') });
    expect(again.differences).toEqual([]);
  });

  it('refuses a target that holds another company', async () => {
    await schema.pool.query("INSERT INTO tenants (id, name, created_at) VALUES ('initech', 'Initech', 1)");

    const refusal = copyToPostgres(source, schema.pool);

    await expect(refusal).rejects.toThrow(TargetRefused);
    await expect(refusal).rejects.toThrow(/tenant initech is not in the SQLite database/);
    const events = await schema.pool.query<{ count: number }>('SELECT COUNT(*)::bigint AS count FROM events');
    expect(events.rows[0]?.count).toBe(0);
  });

  it('refuses a copy that a relay has committed to since', async () => {
    await copyToPostgres(source, schema.pool);
    await schema.pool.query("UPDATE tenant_heads SET head = head + 1 WHERE tenant_id = 'acme'");

    await expect(copyToPostgres(source, schema.pool)).rejects.toThrow(/tenant acme is at seq \d+, beyond the SQLite database's/);
  });
});
