import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/postgres-schema.js';
import { connectSession, openPool, redactedUrl } from './pool.js';

describe('redactedUrl', () => {
  it('hides the password only', () => {
    expect(redactedUrl('postgres://relay:secret@db.example:5432/relay')).toBe('postgres://relay:***@db.example:5432/relay');
    expect(redactedUrl('postgres://postgres@127.0.0.1:5432/test')).toBe('postgres://postgres@127.0.0.1:5432/test');
  });
});

describe('openPool', () => {
  it('refuses a session setting that would not survive the startup options', () => {
    expect(() => openPool({ url: 'postgres://x@127.0.0.1/x', schema: 'a b' }, () => undefined)).toThrow(/Unsafe PostgreSQL session setting/);
    expect(() => openPool({ url: 'postgres://x@127.0.0.1/x', sessionSettings: { statement_timeout: '1 -c role=admin' } }, () => undefined)).toThrow(/Unsafe/);
  });
});

describe.skipIf(!(await postgresAvailable()))('connections', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    await schema.drop();
  });

  it('read bigint as a number, and refuse one past 2^53 rather than round it', async () => {
    const { rows } = await schema.pool.query('SELECT 1767225600000::bigint AS at, COUNT(*) AS n FROM (VALUES (1), (2)) v');
    expect(rows).toEqual([{ at: 1_767_225_600_000, n: 2 }]);
    await expect(schema.pool.query('SELECT 9007199254740993::bigint AS big')).rejects.toThrow(/does not fit a JavaScript number/);
  });

  it('work in their schema, with the session settings asked for', async () => {
    const session = await connectSession({ ...schema.settings, sessionSettings: { tcp_keepalives_idle: '7' } }, () => undefined);
    try {
      const { rows } = await session.query("SELECT current_schema() AS schema, current_setting('tcp_keepalives_idle') AS idle");
      expect(rows).toEqual([{ schema: schema.name, idle: '7' }]);
    } finally {
      await session.end();
    }
  });
});
