import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../../src-node/testing/postgres-schema.js';
import { seedTenant } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { ACME, TEST_PASSWORD, TEST_PASSWORD_COST, tempDatabase, testCore, type TempDatabase } from '../testing/test-relay.js';
import { login } from './login.js';
import { THROTTLE_RULES } from './throttle-policy.js';

const NOW = 1_800_000_000_000;
const onPostgres = await postgresAvailable();

describe('login throttling', () => {
  const opened: RelayCore[] = [];
  let temp: TempDatabase | null = null;
  afterEach(async () => {
    for (const core of opened.splice(0)) await core.store.close();
    await temp?.remove();
    temp = null;
  });

  async function acme(dbPath = ':memory:'): Promise<RelayCore> {
    const core = testCore(dbPath, () => NOW);
    opened.push(core);
    return core;
  }

  it('lets a known address past a flooded account, and keeps a new one waiting', async () => {
    const core = await acme();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    expect((await login(core, { email: 'ann@acme.test', password: TEST_PASSWORD }, '10.0.0.1')).ok).toBe(true);
    for (let i = 0; i < THROTTLE_RULES.account.free; i += 1) await login(core, { email: 'ann@acme.test', password: 'guess' }, `10.1.0.${i}`);
    expect(await login(core, { email: 'ann@acme.test', password: TEST_PASSWORD }, '10.2.0.1')).toMatchObject({ ok: false, code: 'throttled' });
    expect(await login(core, { email: 'ann@acme.test', password: TEST_PASSWORD }, '10.0.0.1')).toMatchObject({ ok: true });
  });

  it.skipIf(!onPostgres)('counts on one node and throttles on another, through PostgreSQL', async () => {
    temp = await tempDatabase('postgres');
    const nodeA = await acme(temp.dbPath);
    await seedTenant(nodeA, ACME, TEST_PASSWORD_COST);
    const nodeB = await acme(temp.dbPath);
    for (let i = 0; i < THROTTLE_RULES.pair.free; i += 1) {
      expect(await login(nodeA, { email: 'bob@acme.test', password: 'guess' }, '10.0.0.9')).toMatchObject({ code: 'invalid_credentials' });
    }
    expect(await login(nodeB, { email: 'bob@acme.test', password: TEST_PASSWORD }, '10.0.0.9')).toMatchObject({ ok: false, code: 'throttled', retryAfterSeconds: 1 });
  });
});
