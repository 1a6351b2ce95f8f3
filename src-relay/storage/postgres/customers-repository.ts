import type { CustomersRepository } from '../port/customers.js';
import {
  CUSTOMER_COLUMNS,
  IDENTITY_ORDER,
  MERGE_COLUMNS,
  mergeValues,
  SUGGESTION_COLUMNS,
  toCustomer,
  toIdentity,
  toMerge,
  toSuggestion,
  type CustomerRow,
  type IdentityRow,
  type MergeRow,
  type SuggestionRow,
} from '../rows/customer-rows.js';
import { rowsOf, type Query } from './query.js';

/** The SQLite store's statements (storage/sqlite/customers-store.ts) in PostgreSQL's words; text orders as bytes (COLLATE "C"). */
export function customersRepository(query: Query): CustomersRepository {
  const merges = async (sql: string, values: readonly unknown[]) => (await rowsOf<MergeRow>(query, sql, values)).map(toMerge);
  return {
    async findCustomer(tenantId, customerId) {
      const [row] = await rowsOf<CustomerRow>(query, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE tenant_id = $1 AND id = $2`, [tenantId, customerId]);
      return row ? toCustomer(row) : null;
    },
    async listNamed(tenantId, name, limit) {
      const sql = `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE tenant_id = $1 AND name = $2 ORDER BY created_at, id COLLATE "C" LIMIT $3`;
      return (await rowsOf<CustomerRow>(query, sql, [tenantId, name, limit])).map(toCustomer);
    },
    async addIdentity(tenantId, customerId, identity, at) {
      const inserted = await query(
        'INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [tenantId, identity.kind, identity.value, customerId, identity.verified ? 1 : 0, at],
      );
      return inserted.rowCount !== 0;
    },
    async listIdentities(tenantId, customerId) {
      const sql = `SELECT customer_id, kind, value, verified FROM customer_identities WHERE tenant_id = $1 AND customer_id = $2 ORDER BY ${IDENTITY_ORDER}, value COLLATE "C"`;
      return (await rowsOf<IdentityRow>(query, sql, [tenantId, customerId])).map(toIdentity);
    },
    async findHolders(tenantId, values) {
      const held = [];
      for (const { kind, value } of values) {
        const sql = 'SELECT customer_id, kind, value, verified FROM customer_identities WHERE tenant_id = $1 AND kind = $2 AND value = $3 ORDER BY customer_id COLLATE "C"';
        for (const row of await rowsOf<IdentityRow>(query, sql, [tenantId, kind, value])) held.push({ customerId: row.customer_id, identity: toIdentity(row) });
      }
      return held;
    },
    async moveIdentity(tenantId, kind, value, fromCustomerId, toCustomerId) {
      await query('UPDATE customer_identities SET customer_id = $1 WHERE tenant_id = $2 AND kind = $3 AND value = $4 AND customer_id = $5', [toCustomerId, tenantId, kind, value, fromCustomerId]);
    },
    async removeIdentity(tenantId, customerId, kind, value) {
      await query('DELETE FROM customer_identities WHERE tenant_id = $1 AND customer_id = $2 AND kind = $3 AND value = $4', [tenantId, customerId, kind, value]);
    },
    async setIdentityVerified(tenantId, customerId, kind, value, verified) {
      await query('UPDATE customer_identities SET verified = $1 WHERE tenant_id = $2 AND customer_id = $3 AND kind = $4 AND value = $5', [verified ? 1 : 0, tenantId, customerId, kind, value]);
    },
    async moveConversations(tenantId, conversationIds, toCustomerId) {
      const values = [toCustomerId, tenantId, [...conversationIds]];
      await query('UPDATE conversations SET customer_id = $1 WHERE tenant_id = $2 AND id = ANY($3::text[])', values);
      await query('UPDATE channel_contacts SET customer_id = $1 WHERE tenant_id = $2 AND conversation_id = ANY($3::text[])', values);
      await query('UPDATE webchat_visitors SET customer_id = $1 WHERE tenant_id = $2 AND conversation_id = ANY($3::text[])', values);
    },
    async insertSuggestion(tenantId, suggestion) {
      const { id, sourceCustomerId, targetCustomerId, reason, at } = suggestion;
      const inserted = await query(`INSERT INTO customer_merge_suggestions (tenant_id, ${SUGGESTION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [
        tenantId, id, sourceCustomerId, targetCustomerId, reason, at,
      ]);
      return inserted.rowCount !== 0;
    },
    async listSuggestions(tenantId, customerId) {
      const sql = `SELECT ${SUGGESTION_COLUMNS} FROM customer_merge_suggestions WHERE tenant_id = $1 AND (source_customer_id = $2 OR target_customer_id = $2)
        ORDER BY created_at, id COLLATE "C"`;
      return (await rowsOf<SuggestionRow>(query, sql, [tenantId, customerId])).map(toSuggestion);
    },
    async deleteSuggestion(tenantId, suggestionId) {
      await query('DELETE FROM customer_merge_suggestions WHERE tenant_id = $1 AND id = $2', [tenantId, suggestionId]);
    },
    async insertMerge(merge) {
      await query(`INSERT INTO customer_merges (${MERGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, mergeValues(merge));
    },
    async findMerge(tenantId, mergeId) {
      return (await merges(`SELECT ${MERGE_COLUMNS} FROM customer_merges WHERE tenant_id = $1 AND id = $2`, [tenantId, mergeId]))[0] ?? null;
    },
    listMergesInto: (tenantId, customerId) =>
      merges(`SELECT ${MERGE_COLUMNS} FROM customer_merges WHERE tenant_id = $1 AND target_customer_id = $2 AND unmerged_at IS NULL ORDER BY merged_at, id COLLATE "C"`, [tenantId, customerId]),
    async findMergeOf(tenantId, sourceCustomerId) {
      return (await merges(`SELECT ${MERGE_COLUMNS} FROM customer_merges WHERE tenant_id = $1 AND source_customer_id = $2 AND unmerged_at IS NULL`, [tenantId, sourceCustomerId]))[0] ?? null;
    },
    async markUnmerged(tenantId, mergeId, by, at) {
      await query('UPDATE customer_merges SET unmerged_by = $1, unmerged_at = $2 WHERE tenant_id = $3 AND id = $4', [by, at, tenantId, mergeId]);
    },
    async forgetCustomer(tenantId, customerId) {
      await query('DELETE FROM customer_identities WHERE tenant_id = $1 AND customer_id = $2', [tenantId, customerId]);
      await query('DELETE FROM customer_merge_suggestions WHERE tenant_id = $1 AND (source_customer_id = $2 OR target_customer_id = $2)', [tenantId, customerId]);
      await query('DELETE FROM customer_merges WHERE tenant_id = $1 AND (source_customer_id = $2 OR target_customer_id = $2)', [tenantId, customerId]);
    },
  };
}
