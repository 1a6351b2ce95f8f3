import { z } from 'zod';
import { AuditAction, AuditEntry } from '../domain/audit.js';

export const AUDIT_PATH = '/api/admin/audit';
export const AUDIT_CSV_PATH = '/api/admin/audit.csv';

/** The most entries one page holds. */
export const AUDIT_PAGE_MAX = 200;

const Millis = z.coerce.number().int().nonnegative();

/**
 * GET /api/admin/audit (and audit.csv) query: the newest entries first, each filter optional.
 * `before` is the seq cursor: the page holds entries with a smaller seq (the last page's `nextBefore`).
 * `from` and `to` are epoch milliseconds, `to` exclusive.
 */
export const AuditQuery = z
  .object({
    action: AuditAction.optional(),
    actorId: z.string().min(1).max(100).optional(),
    from: Millis.optional(),
    to: Millis.optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;
export type AuditQueryInput = z.input<typeof AuditQuery>;

/** The same filters as the workstation passes them (numbers, not query text); `auditQueryString` writes them for the relay. */
export const AuditFilters = z
  .object({
    action: AuditAction.optional(),
    actorId: z.string().min(1).max(100).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  })
  .strict();
export type AuditFilters = z.infer<typeof AuditFilters>;

/** The filters that are set, as the query of GET /api/admin/audit (or audit.csv). */
export function auditQueryString(filters: AuditFilters): string {
  return Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next (older) page; null when this was the last. */
  nextBefore: z.number().int().positive().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
