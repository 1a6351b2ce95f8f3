import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresVersion } from '../../../src-node/postgres/migration.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import { FutureDatabaseError } from '../../../src-node/sqlite/migration.js';
import { POSTGRES_MIGRATIONS } from './migrations/index.js';
import { openRelayPool } from './relay-pool.js';

const unexpected = (error: Error) => {
  throw error;
};

describe.skipIf(!(await postgresAvailable()))('openRelayPool', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    await schema.drop();
  });

  it('migrates a new database once, even when several nodes start together', async () => {
    const pools = await Promise.all([1, 2, 3].map(() => openRelayPool(schema.settings, unexpected)));
    await Promise.all(pools.map((pool) => pool.end()));
    expect(await postgresVersion(schema.pool)).toBe(POSTGRES_MIGRATIONS.length);
    const { rows } = await schema.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('refuses, untouched, a database written by a newer relay', async () => {
    await (await openRelayPool(schema.settings, unexpected)).end();
    const next = POSTGRES_MIGRATIONS.length + 1;
    await schema.pool.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from-the-future')", [next]);
    const refusal = openRelayPool(schema.settings, unexpected);
    await expect(refusal).rejects.toThrow(FutureDatabaseError);
    await expect(refusal).rejects.toThrow(`The relay database is at schema version ${next}, but this relay knows versions up to ${next - 1}.`);
    expect(await postgresVersion(schema.pool)).toBe(next);
  });
});
