import type Database from 'better-sqlite3';
import type { PrivacyRepository } from '../port/privacy.js';
import { capabilitiesOfRows, exportOfRow, PRIVACY_REQUEST_COLUMNS, reminderOfRow, requestOfRow, requestValues, type PrivacyExportRow, type PrivacyReminderRow, type PrivacyRequestRow } from '../rows/privacy-rows.js';
import type { Synchronous } from './synchronous.js';

const REQUEST_PLACEHOLDERS = PRIVACY_REQUEST_COLUMNS.split(',').map(() => '?').join(', ');

/** The register of data subject requests, its reminders and exports, and the privacy capability (port/privacy.ts). */
export function createPrivacyStore(db: Database.Database): Synchronous<PrivacyRepository> {
  const sql = {
    insertRequest: db.prepare(`INSERT INTO privacy_requests (tenant_id, ${PRIVACY_REQUEST_COLUMNS}) VALUES (?, ${REQUEST_PLACEHOLDERS})`),
    updateRequest: db.prepare(
      `UPDATE privacy_requests SET kind = ?, channel = ?, requester_name = ?, on_behalf = ?, regime = ?, due_at = ?, receipt_due_at = ?, status = ?,
         extension_reason = ?, refusal_reason = ?, identity_method = ?, identity_note = ?, identity_checked_by = ?, identity_checked_at = ?, note = ?, updated_at = ?
       WHERE tenant_id = ? AND id = ?`,
    ),
    findRequest: db.prepare(`SELECT ${PRIVACY_REQUEST_COLUMNS} FROM privacy_requests WHERE tenant_id = ? AND id = ?`),
    listRequests: db.prepare(
      `SELECT ${PRIVACY_REQUEST_COLUMNS} FROM privacy_requests
        WHERE tenant_id = @tenantId AND (@openOnly = 0 OR status NOT IN ('done', 'refused')) AND (@customerId IS NULL OR customer_id = @customerId)
        ORDER BY due_at, id`,
    ),
    insertReminder: db.prepare('INSERT INTO privacy_reminders (id, tenant_id, request_id, stage, due_at, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id, stage, due_at) DO NOTHING'),
    listReminders: db.prepare('SELECT id, request_id, stage, due_at, at FROM privacy_reminders WHERE tenant_id = ? ORDER BY at DESC, id DESC LIMIT ?'),
    insertExport: db.prepare('INSERT INTO privacy_exports (id, tenant_id, customer_id, request_id, location, size, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    findExport: db.prepare('SELECT id, customer_id, request_id, location, size, created_by, created_at FROM privacy_exports WHERE tenant_id = ? AND id = ?'),
    listExports: db.prepare('SELECT id, customer_id, request_id, location, size, created_by, created_at FROM privacy_exports WHERE tenant_id = ? AND customer_id = ? ORDER BY created_at, id'),
    deleteExport: db.prepare('DELETE FROM privacy_exports WHERE tenant_id = ? AND id = ?'),
    grant: db.prepare(
      `INSERT INTO account_capabilities (agent_id, capability, granted_by, granted_at)
       SELECT id, ?, ?, ? FROM agents WHERE tenant_id = ? AND id = ? ON CONFLICT DO NOTHING`,
    ),
    revoke: db.prepare('DELETE FROM account_capabilities WHERE capability = ? AND agent_id IN (SELECT id FROM agents WHERE tenant_id = ? AND id = ?)'),
    capabilitiesOf: db.prepare('SELECT c.capability FROM account_capabilities c JOIN agents a ON a.id = c.agent_id WHERE a.tenant_id = ? AND a.id = ? ORDER BY c.capability'),
    holdersOf: db.prepare('SELECT a.id FROM account_capabilities c JOIN agents a ON a.id = c.agent_id WHERE a.tenant_id = ? AND c.capability = ? ORDER BY a.id'),
  };
  return {
    insertRequest(tenantId, request) {
      sql.insertRequest.run(tenantId, ...requestValues(request));
    },
    updateRequest(tenantId, r) {
      const check = r.identityCheck;
      sql.updateRequest.run(
        r.kind, r.channel, r.requesterName, r.onBehalf ? 1 : 0, r.regime, r.dueAt, r.receiptDueAt, r.status, r.extensionReason, r.refusalReason,
        check?.method ?? null, check?.note ?? null, check?.checkedBy ?? null, check?.checkedAt ?? null, r.note, r.updatedAt, tenantId, r.id,
      );
    },
    findRequest(tenantId, requestId) {
      const row = sql.findRequest.get(tenantId, requestId) as PrivacyRequestRow | undefined;
      return row ? requestOfRow(row) : null;
    },
    listRequests(tenantId, filter) {
      const rows = sql.listRequests.all({ tenantId, openOnly: filter.openOnly ? 1 : 0, customerId: filter.customerId ?? null }) as PrivacyRequestRow[];
      return rows.map(requestOfRow);
    },
    insertReminder(tenantId, reminder) {
      return sql.insertReminder.run(reminder.id, tenantId, reminder.requestId, reminder.stage, reminder.dueAt, reminder.at).changes === 1;
    },
    listReminders(tenantId, limit) {
      return (sql.listReminders.all(tenantId, limit) as PrivacyReminderRow[]).map(reminderOfRow);
    },
    insertExport(tenantId, made) {
      sql.insertExport.run(made.id, tenantId, made.customerId, made.requestId, made.location, made.size, made.createdBy, made.createdAt);
    },
    findExport(tenantId, exportId) {
      const row = sql.findExport.get(tenantId, exportId) as PrivacyExportRow | undefined;
      return row ? exportOfRow(row) : null;
    },
    listExports(tenantId, customerId) {
      return (sql.listExports.all(tenantId, customerId) as PrivacyExportRow[]).map(exportOfRow);
    },
    deleteExport(tenantId, exportId) {
      sql.deleteExport.run(tenantId, exportId);
    },
    setCapability(tenantId, agentId, capability, held, by, at) {
      if (held) sql.grant.run(capability, by, at, tenantId, agentId);
      else sql.revoke.run(capability, tenantId, agentId);
    },
    capabilitiesOf(tenantId, agentId) {
      return capabilitiesOfRows(sql.capabilitiesOf.all(tenantId, agentId) as { capability: string }[]);
    },
    holdersOf(tenantId, capability) {
      return (sql.holdersOf.all(tenantId, capability) as { id: string }[]).map((row) => row.id);
    },
  };
}
