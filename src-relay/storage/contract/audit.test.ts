import { beforeEach, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, type AuditRecord } from '../../../src-shared/domain/audit.js';
import { entryHash } from '../../audit/audit-chain.js';
import { verifyAudit } from '../../audit/verify-audit.js';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

const record = (at: number, over: Partial<AuditRecord> = {}): AuditRecord => ({
  at,
  actorId: 'root',
  actorAddress: '203.0.113.7',
  action: 'auth.signed_in',
  target: { type: 'account', id: 'root' },
  details: {},
  ...over,
});

describeStorage('audit log', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it("chains each tenant's entries: seq from 1, each prevHash the hash before, each hash its contents'", async () => {
    const { audit } = storage();
    const first = await audit.append('acme', record(10));
    const second = await audit.append('acme', record(11, { action: 'blocked_sender.added', target: { type: 'blocked_sender', id: 'spam.example' }, details: { kind: 'domain', z: 1, a: null } }));
    const other = await audit.append('globex', record(12, { actorId: null, actorAddress: null, target: null }));
    expect([first.seq, second.seq, other.seq]).toEqual([1, 2, 1]);
    expect(first.prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(other.prevHash).toBe(AUDIT_GENESIS_HASH);
    const [row1, row2] = await audit.rows('acme', 0, 10);
    // Details are stored as their canonical text (keys sorted), which is what was hashed.
    expect(row2?.details).toBe('{"a":null,"kind":"domain","z":1}');
    expect(row1 && entryHash('acme', row1)).toBe(first.hash);
    expect(row2 && entryHash('acme', row2)).toBe(second.hash);
    // The same entry in another tenant's chain would not hash the same.
    expect(row1 && entryHash('globex', row1)).not.toBe(first.hash);
    expect(await audit.list('acme', { limit: 10 })).toEqual([second, first]);
  });

  it('filters by action, actor and time, newest first, paged by the seq cursor', async () => {
    const { audit } = storage();
    for (let i = 1; i <= 6; i++) await audit.append('acme', record(i * 100, i % 2 ? {} : { action: 'auth.sign_in_failed', actorId: null, target: { type: 'account', id: 'ann' } }));
    await audit.append('globex', record(150));
    const seqs = async (filter: Parameters<typeof audit.list>[1]) => (await audit.list('acme', filter)).map((e) => e.seq);
    expect(await seqs({ limit: 50 })).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await seqs({ limit: 2 })).toEqual([6, 5]);
    expect(await seqs({ limit: 2, before: 5 })).toEqual([4, 3]);
    expect(await seqs({ limit: 50, action: 'auth.sign_in_failed' })).toEqual([6, 4, 2]);
    expect(await seqs({ limit: 50, actorId: 'root' })).toEqual([5, 3, 1]);
    expect(await seqs({ limit: 50, from: 200, to: 500 })).toEqual([4, 3, 2]);
  });

  it('leaves no entry when the change it records is rolled back', async () => {
    const store = storage();
    await expect(
      store.transaction(async (tx) => {
        await tx.blockedSenders.block('acme', { value: 'spam.example', kind: 'domain', blockedBy: 'root', blockedAt: 1 });
        await tx.audit.append('acme', record(1, { action: 'blocked_sender.added' }));
        throw new Error('changed my mind');
      }, { tenantId: 'acme' }),
    ).rejects.toThrow('changed my mind');
    expect(await store.audit.list('acme', { limit: 10 })).toEqual([]);
    const kept = await store.transaction((tx) => tx.audit.append('acme', record(2)), { tenantId: 'acme' });
    expect(kept.seq).toBe(1);
  });

  it('chains past appends rolled back in the middle of a group of commits', async () => {
    const store = storage();
    // Asked together, the PostgreSQL adapter runs these as one group, each in a savepoint of its own.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.audit.append('acme', record(i, { details: { n: i } }));
          if (i % 3 === 1) throw new Error(`refused ${i}`);
        }, { tenantId: 'acme' }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(4);
    const kept = await store.audit.list('acme', { limit: 50 });
    expect(kept.map((e) => e.details.n).sort((a, b) => Number(a) - Number(b))).toEqual([0, 2, 3, 5, 6, 8, 9, 11]);
    expect(await verifyAudit(store)).toMatchObject({ entries: 8, broken: null });
  });

  it('never forks under concurrent appends, in and out of transactions, named for the tenant or not', async () => {
    const store = storage();
    const appends = Array.from({ length: 40 }, (_, i) => {
      const entry = record(i, { details: { n: i } });
      if (i % 3 === 0) return store.audit.append('acme', entry);
      if (i % 3 === 1) return store.transaction((tx) => tx.audit.append('acme', entry), { tenantId: 'acme' });
      return store.transaction((tx) => tx.audit.append('acme', entry));
    });
    const seqs = (await Promise.all(appends)).map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const verification = await verifyAudit(store);
    expect(verification.broken).toBeNull();
    expect(verification.entries).toBe(40);
  });
});
