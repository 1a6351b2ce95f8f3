import { createHash } from 'node:crypto';
import { AUDIT_GENESIS_HASH, type AuditDetails, type AuditRecord } from '../../src-shared/domain/audit.js';
import type { StoredAuditRow } from '../storage/port/audit.js';

/**
 * The audit log's hash chain (docs/audit.md). An entry's hash is SHA-256, in lower-case hex, of
 * its canonical form: a JSON array in this fixed order,
 *
 *   ["audit/1", tenantId, seq, at, actorId, actorAddress, action, targetType, targetId, details, prevHash]
 *
 * with `details` the canonical JSON text of the details (keys sorted, no spaces: `canonicalDetails`),
 * and null for what is absent. The tenant is hashed in, so an entry cannot be moved to another
 * tenant's chain; the first entry's prevHash is 64 zeros.
 */
export function entryHash(tenantId: string, entry: Omit<StoredAuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    'audit/1',
    tenantId,
    entry.seq,
    entry.at,
    entry.actorId,
    entry.actorAddress,
    entry.action,
    entry.target?.type ?? null,
    entry.target?.id ?? null,
    entry.details,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The details as stored and hashed: JSON with keys sorted; the values are flat (AuditDetails), so one level suffices. */
export function canonicalDetails(details: AuditDetails): string {
  return JSON.stringify(Object.fromEntries(Object.keys(details).sort().map((key) => [key, details[key]])));
}

/** The row that follows `last` (null: the chain is empty) for `record`, hashed. */
export function nextAuditRow(tenantId: string, last: { seq: number; hash: string } | null, record: AuditRecord): StoredAuditRow {
  const unhashed = {
    seq: (last?.seq ?? 0) + 1,
    at: record.at,
    actorId: record.actorId,
    actorAddress: record.actorAddress,
    action: record.action,
    target: record.target,
    details: canonicalDetails(record.details),
    prevHash: last?.hash ?? AUDIT_GENESIS_HASH,
  };
  return { ...unhashed, hash: entryHash(tenantId, unhashed) };
}

/** Where a chain first breaks, and how. */
export interface ChainBreak {
  tenantId: string;
  /** The seq of the first entry that does not hold (for a missing entry: the one expected there). */
  seq: number;
  problem: string;
}

/**
 * Checks one tenant's rows, in seq order, batch by batch: `check` returns the first break or
 * null, and keeps what it needs (the seq and hash expected next) between batches.
 */
export function chainChecker(tenantId: string): { check(rows: readonly StoredAuditRow[]): ChainBreak | null; readonly count: number; readonly headHash: string } {
  let expectedSeq = 1;
  let previousHash = AUDIT_GENESIS_HASH;
  return {
    check(rows) {
      for (const row of rows) {
        const broken = (problem: string): ChainBreak => ({ tenantId, seq: row.seq === expectedSeq ? row.seq : expectedSeq, problem });
        if (row.seq !== expectedSeq) return broken(`expected seq ${expectedSeq}, found seq ${row.seq} (an entry is missing or out of place)`);
        if (row.prevHash !== previousHash) return broken(`prev_hash ${row.prevHash} does not match the hash of seq ${row.seq - 1} (${previousHash})`);
        const recomputed = entryHash(tenantId, row);
        if (recomputed !== row.hash) return broken(`hash ${row.hash} does not match its contents (recomputed ${recomputed}): the entry was changed`);
        expectedSeq++;
        previousHash = row.hash;
      }
      return null;
    },
    get count() {
      return expectedSeq - 1;
    },
    get headHash() {
      return previousHash;
    },
  };
}
