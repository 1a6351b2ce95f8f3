import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable, TEST_DATABASE_URL, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import { openRelayStorage } from '../open-relay-storage.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { StorageUnavailable } from '../port/storage-unavailable.js';
import { isRetryable } from './storage-errors.js';
import { openPostgresStorage } from './postgres-storage.js';

describe('what the PostgreSQL adapter counts as retryable', () => {
  const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
  it('a lost or refused connection, a serialization failure or deadlock, a server going down', () => {
    for (const error of [failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), failure('Connection terminated unexpectedly'), failure('x', '40001'), failure('x', '40P01'), failure('x', '57P01'), failure('x', '08006'), failure('x', '53300')]) {
      expect(isRetryable(error), error.message).toBe(true);
    }
  });
  it('not what the work got wrong', () => {
    for (const error of [failure('duplicate key value violates unique constraint', '23505'), failure('syntax error', '42601'), new Error('refused by the rule'), 'text']) {
      expect(isRetryable(error)).toBe(false);
    }
  });
});

describe.skipIf(!(await postgresAvailable()))('the PostgreSQL storage', () => {
  let schema: TestSchema;
  let storage: RelayStorage;
  const applicationName = `relay_adapter_${Math.random().toString(36).slice(2, 10)}`;

  beforeEach(async () => {
    schema = await createTestSchema();
    storage = await openPostgresStorage({ ...schema.settings, applicationName });
    await storage.transaction((tx) => tx.accounts.insertTenant({ id: 'acme', name: 'Acme' }, 1));
  });
  afterEach(async () => {
    await storage.close();
    await schema.drop();
  });

  it('reports a connection lost in the middle of a transaction as StorageUnavailable, rolled back, and goes on with a new one', async () => {
    const lost = storage.transaction(async (tx) => {
      await tx.accounts.insertTenant({ id: 'globex', name: 'Globex' }, 2);
      await schema.pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      await tx.accounts.listTenants();
    }, { tenantId: 'acme' });
    await expect(lost).rejects.toBeInstanceOf(StorageUnavailable);
    expect(await storage.accounts.listTenants()).toEqual([{ id: 'acme', name: 'Acme' }]);
    expect(await storage.events.headSeq('acme')).toBe(0);
  });

  it('begins on a fresh connection when the pooled one was dropped by the server while idle (a restart)', async () => {
    await storage.transaction((tx) => tx.accounts.listTenants(), { tenantId: 'acme' });
    await schema.pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    // Asked at once, before the idle connection has heard that it is gone: it is the one lent.
    const committed = storage.transaction((tx) => tx.accounts.insertTenant({ id: 'globex', name: 'Globex' }, 2), { tenantId: 'acme' });
    await expect(committed).resolves.toBeUndefined();
    expect((await storage.accounts.listTenants()).map((tenant) => tenant.id)).toEqual(['acme', 'globex']);
  });

  it("runs a tenant's transactions one at a time across nodes: of two nodes claiming one conversation, exactly one wins", async () => {
    const other = await openPostgresStorage(schema.settings);
    try {
      await storage.transaction(async ({ accounts, conversations }) => {
        await accounts.insertTeam('acme', { id: 'team', name: 'Team', languages: ['en'], schedule: null, overflowTeamId: null }, 0);
        await conversations.insertCustomer('acme', { id: 'kim', name: 'Kim', language: 'en', market: null, createdAt: 1 });
        await conversations.insertConversation('acme', { id: 'c1', customerId: 'kim', customerName: 'Kim', channel: 'webchat', teamId: 'team', assigneeId: null, status: 'open', language: 'en', market: null, createdAt: 1, updatedAt: 1, lastMessageAt: 1, lastMessagePreview: '' });
        for (const id of ['ann', 'al']) {
          await accounts.insertAgent({ id, tenantId: 'acme', email: `${id}@acme.test`, name: id, role: 'agent', language: 'en', passwordHash: 'h', chosenPresence: 'available', teamIds: ['team'], createdAt: 1 });
        }
      }, { tenantId: 'acme' });
      const claim = (node: RelayStorage, agentId: string) =>
        node.transaction(async (tx) => {
          const conversation = await tx.conversations.findConversation('acme', 'c1');
          if (!conversation || conversation.assigneeId !== null) return false;
          // Time for the other node to read "unassigned" too, were the tenant not held.
          await new Promise((resolve) => setTimeout(resolve, 50));
          await tx.conversations.updateConversation({ ...conversation, assigneeId: agentId });
          return true;
        }, { tenantId: 'acme' });
      const outcomes = await Promise.all([claim(storage, 'ann'), claim(other, 'al')]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await other.conversations.findConversation('acme', 'c1'))?.assigneeId).toBe(outcomes[0] ? 'ann' : 'al');
    } finally {
      await other.close();
    }
  });

  it('is what openRelayStorage opens for a postgres:// URL', async () => {
    const opened = await openRelayStorage(`${TEST_DATABASE_URL}?options=-c%20search_path%3D${schema.name}`);
    try {
      expect(await opened.accounts.listTenants()).toEqual([{ id: 'acme', name: 'Acme' }]);
    } finally {
      await opened.close();
    }
  });
});
