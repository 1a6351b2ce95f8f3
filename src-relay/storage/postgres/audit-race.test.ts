import { afterEach, describe, expect, it } from 'vitest';
import { createTestSchema, postgresAvailable, type TestSchema } from '../../../src-node/testing/postgres-schema.js';
import type { AuditRecord } from '../../../src-shared/domain/audit.js';
import { verifyAudit } from '../../audit/verify-audit.js';
import { seedTenants } from '../contract/fixtures.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { openPostgresStorage } from './postgres-storage.js';

const NODES = 3;
const APPENDS_PER_NODE = 20;

const record = (node: number, n: number): AuditRecord => ({ at: n, actorId: null, actorAddress: null, action: 'auth.signed_in', target: null, details: { node, n } });

/**
 * Several relay nodes, each with its own pool and commit lanes, append to one tenant's chain at
 * once: outside transactions, in transactions named for the tenant, and in transactions that are
 * not (which no lane orders). Only the head row's lock orders them; the chain must come out whole.
 */
describe.skipIf(!(await postgresAvailable()))('audit appends from several nodes', () => {
  let schema: TestSchema | undefined;
  const nodes: RelayStorage[] = [];
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((node) => node.close()));
    await schema?.drop();
  });

  it('never fork the chain and never fail', async () => {
    schema = await createTestSchema();
    for (let i = 0; i < NODES; i++) nodes.push(await openPostgresStorage(schema.settings));
    const [first] = nodes;
    if (!first) throw new Error('no node');
    await seedTenants(first);
    const appends = nodes.flatMap((node, i) =>
      Array.from({ length: APPENDS_PER_NODE }, (_, n) => {
        const entry = record(i, n);
        if (n % 3 === 0) return node.audit.append('acme', entry);
        if (n % 3 === 1) return node.transaction((tx) => tx.audit.append('acme', entry), { tenantId: 'acme' });
        return node.transaction((tx) => tx.audit.append('acme', entry));
      }),
    );
    const seqs = (await Promise.all(appends)).map((entry) => entry.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: NODES * APPENDS_PER_NODE }, (_, i) => i + 1));
    expect(await verifyAudit(first)).toMatchObject({ entries: NODES * APPENDS_PER_NODE, broken: null });
  });
});
