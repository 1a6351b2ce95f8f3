import { AuditDetails, type AuditEntry, type AuditTarget } from '../../../src-shared/domain/audit.js';

/** An audit_log row as both adapters select it. */
export interface AuditRowColumns {
  seq: number;
  at: number;
  actorId: string | null;
  actorAddress: string | null;
  action: AuditEntry['action'];
  targetType: AuditTarget['type'] | null;
  targetId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

/** The entry a row holds; details that no longer parse (a row tampered with) read as none, and the verifier names the row. */
export function entryOfRow({ targetType, targetId, details, ...row }: AuditRowColumns): AuditEntry {
  return {
    ...row,
    seq: Number(row.seq),
    at: Number(row.at),
    target: targetType === null || targetId === null ? null : { type: targetType, id: targetId },
    details: parsedDetails(details),
  };
}

function parsedDetails(text: string): AuditDetails {
  try {
    const parsed = AuditDetails.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
