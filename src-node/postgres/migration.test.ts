import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/postgres-schema.js';
import { migratePostgres, postgresVersion, type PostgresMigration } from './migration.js';

const step = (version: number, sql: string): PostgresMigration => ({ version, name: `step-${version}`, up: async (client) => void (await client.query(sql)) });

describe('migratePostgres', () => {
  it('wants the versions numbered from 1, in order', async () => {
    await expect(migratePostgres(undefined as never, [step(2, '')])).rejects.toThrow('Migration step-2 has version 2; expected 1.');
  });
});

describe.skipIf(!(await postgresAvailable()))('migratePostgres on PostgreSQL', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    await schema.drop();
  });

  it('runs each missing step once, and says from where to where', async () => {
    const steps = [step(1, 'CREATE TABLE a (id int)'), step(2, 'CREATE TABLE b (id int)')];
    expect(await migratePostgres(schema.pool, steps.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(await migratePostgres(schema.pool, steps)).toEqual({ from: 1, to: 2 });
    expect(await migratePostgres(schema.pool, steps)).toEqual({ from: 2, to: 2 });
  });

  it('undoes a failed step whole: its changes and its version', async () => {
    const failing = step(2, "CREATE TABLE b (id int); SELECT 1 / 0");
    await expect(migratePostgres(schema.pool, [step(1, 'CREATE TABLE a (id int)'), failing])).rejects.toThrow(/division by zero/);
    expect(await postgresVersion(schema.pool)).toBe(1);
    expect((await schema.pool.query("SELECT to_regclass('b') AS b")).rows).toEqual([{ b: null }]);
  });

  it('refuses a newer database with the words it is given', async () => {
    await migratePostgres(schema.pool, [step(1, 'SELECT 1'), step(2, 'SELECT 1')]);
    await expect(migratePostgres(schema.pool, [step(1, 'SELECT 1')], (found, known) => `at ${found}, knows ${known}`)).rejects.toThrow('at 2, knows 1');
  });
});
