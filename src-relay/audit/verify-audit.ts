import type { RelayStorage } from '../storage/port/relay-storage.js';
import { chainChecker, type ChainBreak } from './audit-chain.js';

/** Rows read per query: a long chain is walked without holding it in memory. */
const BATCH = 1000;

export interface AuditVerification {
  /** Entries checked, every tenant's together (up to the break, when there is one). */
  entries: number;
  /** The first entry that does not hold, in the first tenant (by creation) whose chain breaks. */
  broken: ChainBreak | null;
  /** Each tenant's last seq and hash: kept outside the relay, they also reveal entries cut off the end. */
  heads: { tenantId: string; seq: number; hash: string }[];
}

/** Walks every tenant's chain from seq 1: seqs gap-free and in order, each prev_hash the hash before, each hash its contents'. */
export async function verifyAudit(storage: RelayStorage): Promise<AuditVerification> {
  let entries = 0;
  const heads: AuditVerification['heads'] = [];
  for (const { id: tenantId } of await storage.accounts.listTenants()) {
    const checker = chainChecker(tenantId);
    for (let after = 0; ; ) {
      const rows = await storage.audit.rows(tenantId, after, BATCH);
      const broken = checker.check(rows);
      if (broken) return { entries: entries + checker.count, broken, heads };
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]?.seq ?? after;
    }
    entries += checker.count;
    if (checker.count > 0) heads.push({ tenantId, seq: checker.count, hash: checker.headHash });
  }
  return { entries, broken: null, heads };
}

/** What `--verify-audit` prints; the exit code is non-zero when a chain is broken. */
export function describeVerification(result: AuditVerification): { lines: string[]; exitCode: number } {
  if (result.broken) {
    const { tenantId, seq, problem } = result.broken;
    return { lines: [`audit chain BROKEN: tenant ${tenantId}, seq ${seq}: ${problem}`], exitCode: 1 };
  }
  return {
    lines: [`audit chain intact: ${result.entries} entries`, ...result.heads.map((head) => `  tenant ${head.tenantId}: seq ${head.seq}, hash ${head.hash}`)],
    exitCode: 0,
  };
}
