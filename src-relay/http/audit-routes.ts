import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditDetails } from '../../src-shared/domain/audit.js';
import type { Agent } from '../../src-shared/domain/model.js';
import { AUDIT_CSV_PATH, AUDIT_PAGE_MAX, AUDIT_PATH, AuditQuery, type AuditPage } from '../../src-shared/protocol/audit.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import { canonicalDetails } from '../audit/audit-chain.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendCsv } from './csv-reply.js';
import { sendHttpError } from './http-error.js';

/** The most entries one CSV export holds; a narrower period exports the rest. */
const CSV_MAX_ENTRIES = 100_000;

/**
 * Administrators read and export their company's audit log; there is no route that changes it.
 * An export is itself audited, before it is read, so it lists itself.
 */
export function registerAuditRoutes(app: FastifyInstance, core: RelayCore): void {
  app.get(AUDIT_PATH, async (request, reply) => {
    const asked = await auditRequest(core, request, reply);
    if (!asked) return reply;
    const entries = await core.store.audit.list(asked.admin.tenantId, asked.query);
    const last = entries[entries.length - 1];
    const page: AuditPage = { entries, nextBefore: entries.length === asked.query.limit && last && last.seq > 1 ? last.seq : null };
    return reply.header('cache-control', 'no-store').send(page);
  });

  app.get(AUDIT_CSV_PATH, async (request, reply) => {
    const asked = await auditRequest(core, request, reply);
    if (!asked) return reply;
    const { before, limit: _pageSize, ...filters } = asked.query;
    // The filters the export was asked with, so the entry says what left the relay.
    const details: AuditDetails = {};
    for (const [key, value] of Object.entries({ ...filters, before })) if (value !== undefined) details[key] = value;
    await recordAudit(core.store, asked.admin.tenantId, core.now(), actorOf(asked.admin, request.ip), 'export.audit_csv', { type: 'export', id: 'audit.csv' }, details);
    const rows: unknown[][] = [];
    for (let cursor = before; rows.length < CSV_MAX_ENTRIES; ) {
      const page = await core.store.audit.list(asked.admin.tenantId, { ...filters, before: cursor, limit: AUDIT_PAGE_MAX });
      for (const e of page) {
        rows.push([e.seq, new Date(e.at).toISOString(), e.actorId ?? '', e.actorAddress ?? '', e.action, e.target?.type ?? '', e.target?.id ?? '', canonicalDetails(e.details), e.prevHash, e.hash]);
      }
      const last = page[page.length - 1];
      if (page.length < AUDIT_PAGE_MAX || !last) break;
      cursor = last.seq;
    }
    const header = ['seq', 'at', 'actor_id', 'actor_address', 'action', 'target_type', 'target_id', 'details', 'prev_hash', 'hash'];
    return sendCsv(reply, 'audit.csv', header, rows);
  });
}

/** An administrator and their filters; else the refusal is sent and null returned. */
async function auditRequest(core: RelayCore, request: FastifyRequest, reply: FastifyReply): Promise<{ admin: Agent; query: AuditQuery } | null> {
  const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator reads the audit log.');
  if (!admin) return null;
  const parsed = AuditQuery.safeParse(request.query);
  if (!parsed.success) {
    sendHttpError(reply, 400, 'bad_request', `Invalid audit query: ${z.prettifyError(parsed.error)}`);
    return null;
  }
  return { admin, query: parsed.data };
}
