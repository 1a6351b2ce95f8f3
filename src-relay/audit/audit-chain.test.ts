import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH } from '../../src-shared/domain/audit.js';
import { canonicalDetails, chainChecker, entryHash, nextAuditRow } from './audit-chain.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the audit chain', () => {
  it('hashes the documented canonical form (docs/audit.md), so that anyone can check a chain without this code', () => {
    const row = nextAuditRow('acme', null, {
      at: 1767225600000,
      actorId: 'root',
      actorAddress: '203.0.113.7',
      action: 'blocked_sender.added',
      target: { type: 'blocked_sender', id: 'spam.example' },
      details: { kind: 'domain', count: 2 },
    });
    const written = `["audit/1","acme",1,1767225600000,"root","203.0.113.7","blocked_sender.added","blocked_sender","spam.example","{\\"count\\":2,\\"kind\\":\\"domain\\"}","${'0'.repeat(64)}"]`;
    expect(row).toMatchObject({ seq: 1, prevHash: AUDIT_GENESIS_HASH, details: '{"count":2,"kind":"domain"}', hash: sha256(written) });
    const next = nextAuditRow('acme', row, { at: 1, actorId: null, actorAddress: null, action: 'auth.sign_in_failed', target: null, details: {} });
    expect(next.hash).toBe(sha256(`["audit/1","acme",2,1,null,null,"auth.sign_in_failed",null,null,"{}","${row.hash}"]`));
  });

  it('writes details with sorted keys whatever order they were given in', () => {
    expect(canonicalDetails({ z: null, a: ['x', 'y'], m: true })).toBe('{"a":["x","y"],"m":true,"z":null}');
    expect(canonicalDetails({})).toBe('{}');
  });

  it('checks a chain batch by batch, naming the first entry that does not hold', () => {
    const rows = [1, 2, 3].reduce<ReturnType<typeof nextAuditRow>[]>(
      (chain, n) => [...chain, nextAuditRow('acme', chain.at(-1) ?? null, { at: n, actorId: null, actorAddress: null, action: 'auth.signed_in', target: null, details: {} })],
      [],
    );
    const whole = chainChecker('acme');
    expect(whole.check(rows.slice(0, 2))).toBeNull();
    expect(whole.check(rows.slice(2))).toBeNull();
    expect({ count: whole.count, head: whole.headHash }).toEqual({ count: 3, head: rows[2]?.hash });
    const changed = rows.map((row) => (row.seq === 2 ? { ...row, at: 99 } : row));
    expect(chainChecker('acme').check(changed)).toMatchObject({ tenantId: 'acme', seq: 2, problem: expect.stringContaining('does not match its contents') });
    expect(chainChecker('globex').check(rows)).toMatchObject({ tenantId: 'globex', seq: 1 });
    expect(entryHash('acme', { ...rows[0]!, details: '{ }' })).not.toBe(rows[0]?.hash);
  });
});
