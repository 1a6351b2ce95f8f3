import type { PrivacyRepository } from '../port/privacy.js';
import { capabilitiesOfRows, exportOfRow, PRIVACY_REQUEST_COLUMNS, reminderOfRow, requestOfRow, requestValues, type PrivacyExportRow, type PrivacyReminderRow, type PrivacyRequestRow } from '../rows/privacy-rows.js';
import { rowsOf, type Query } from './query.js';

const REQUEST_PLACEHOLDERS = PRIVACY_REQUEST_COLUMNS.split(',').map((_, i) => `$${i + 2}`).join(', ');
const EXPORT_COLUMNS = 'id, customer_id, request_id, location, size, created_by, created_at';

/** The register of data subject requests, its reminders and exports, and the privacy capability (port/privacy.ts). */
export function privacyRepository(query: Query): PrivacyRepository {
  return {
    async insertRequest(tenantId, request) {
      await query(`INSERT INTO privacy_requests (tenant_id, ${PRIVACY_REQUEST_COLUMNS}) VALUES ($1, ${REQUEST_PLACEHOLDERS})`, [tenantId, ...requestValues(request)]);
    },
    async updateRequest(tenantId, r) {
      const check = r.identityCheck;
      await query(
        `UPDATE privacy_requests SET kind = $1, channel = $2, requester_name = $3, on_behalf = $4, regime = $5, due_at = $6, receipt_due_at = $7, status = $8,
           extension_reason = $9, refusal_reason = $10, identity_method = $11, identity_note = $12, identity_checked_by = $13, identity_checked_at = $14, note = $15, updated_at = $16
         WHERE tenant_id = $17 AND id = $18`,
        [
          r.kind, r.channel, r.requesterName, r.onBehalf ? 1 : 0, r.regime, r.dueAt, r.receiptDueAt, r.status, r.extensionReason, r.refusalReason,
          check?.method ?? null, check?.note ?? null, check?.checkedBy ?? null, check?.checkedAt ?? null, r.note, r.updatedAt, tenantId, r.id,
        ],
      );
    },
    async findRequest(tenantId, requestId) {
      const [row] = await rowsOf<PrivacyRequestRow>(query, `SELECT ${PRIVACY_REQUEST_COLUMNS} FROM privacy_requests WHERE tenant_id = $1 AND id = $2`, [tenantId, requestId]);
      return row ? requestOfRow(row) : null;
    },
    async listRequests(tenantId, filter) {
      const rows = await rowsOf<PrivacyRequestRow>(
        query,
        `SELECT ${PRIVACY_REQUEST_COLUMNS} FROM privacy_requests
          WHERE tenant_id = $1 AND (NOT $2::boolean OR status NOT IN ('done', 'refused')) AND ($3::text IS NULL OR customer_id = $3)
          ORDER BY due_at, id`,
        [tenantId, filter.openOnly, filter.customerId ?? null],
      );
      return rows.map(requestOfRow);
    },
    async insertReminder(tenantId, reminder) {
      const result = await query(
        'INSERT INTO privacy_reminders (id, tenant_id, request_id, stage, due_at, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id, stage, due_at) DO NOTHING',
        [reminder.id, tenantId, reminder.requestId, reminder.stage, reminder.dueAt, reminder.at],
      );
      return result.rowCount === 1;
    },
    async listReminders(tenantId, limit) {
      const rows = await rowsOf<PrivacyReminderRow>(query, 'SELECT id, request_id, stage, due_at, at FROM privacy_reminders WHERE tenant_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [tenantId, limit]);
      return rows.map(reminderOfRow);
    },
    async insertExport(tenantId, made) {
      await query(`INSERT INTO privacy_exports (tenant_id, ${EXPORT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        tenantId, made.id, made.customerId, made.requestId, made.location, made.size, made.createdBy, made.createdAt,
      ]);
    },
    async findExport(tenantId, exportId) {
      const [row] = await rowsOf<PrivacyExportRow>(query, `SELECT ${EXPORT_COLUMNS} FROM privacy_exports WHERE tenant_id = $1 AND id = $2`, [tenantId, exportId]);
      return row ? exportOfRow(row) : null;
    },
    async listExports(tenantId, customerId) {
      const rows = await rowsOf<PrivacyExportRow>(query, `SELECT ${EXPORT_COLUMNS} FROM privacy_exports WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at, id`, [tenantId, customerId]);
      return rows.map(exportOfRow);
    },
    async deleteExport(tenantId, exportId) {
      await query('DELETE FROM privacy_exports WHERE tenant_id = $1 AND id = $2', [tenantId, exportId]);
    },
    async setCapability(tenantId, agentId, capability, held, by, at) {
      if (held) {
        await query(
          `INSERT INTO account_capabilities (agent_id, capability, granted_by, granted_at)
           SELECT id, $1, $2, $3 FROM agents WHERE tenant_id = $4 AND id = $5 ON CONFLICT DO NOTHING`,
          [capability, by, at, tenantId, agentId],
        );
      } else {
        await query('DELETE FROM account_capabilities WHERE capability = $1 AND agent_id IN (SELECT id FROM agents WHERE tenant_id = $2 AND id = $3)', [capability, tenantId, agentId]);
      }
    },
    async capabilitiesOf(tenantId, agentId) {
      const rows = await rowsOf<{ capability: string }>(
        query,
        'SELECT c.capability FROM account_capabilities c JOIN agents a ON a.id = c.agent_id WHERE a.tenant_id = $1 AND a.id = $2 ORDER BY c.capability',
        [tenantId, agentId],
      );
      return capabilitiesOfRows(rows);
    },
    async holdersOf(tenantId, capability) {
      const rows = await rowsOf<{ id: string }>(query, 'SELECT a.id FROM account_capabilities c JOIN agents a ON a.id = c.agent_id WHERE a.tenant_id = $1 AND c.capability = $2 ORDER BY a.id', [tenantId, capability]);
      return rows.map((row) => row.id);
    },
  };
}
