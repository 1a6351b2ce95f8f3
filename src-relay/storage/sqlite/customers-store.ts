import type Database from 'better-sqlite3';
import type { CustomerIdentity, IdentityKind, MergeSuggestion } from '../../../src-shared/domain/customers.js';
import type { CustomersRepository, HeldIdentity, StoredMerge } from '../port/customers.js';
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
import type { Synchronous } from './synchronous.js';

/** Customers' identities, merge suggestions and merges. */
export function createCustomersStore(db: Database.Database): Synchronous<CustomersRepository> {
  const inIds = '(SELECT value FROM json_each(@ids))';
  const sql = {
    findCustomer: db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE tenant_id = ? AND id = ?`),
    listNamed: db.prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE tenant_id = ? AND name = ? ORDER BY created_at, id LIMIT ?`),
    addIdentity: db.prepare(
      `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    // The index named: without statistics, SQLite's planner takes a primary key's leading tenant_id
    // for as narrow as this index, and reads the tenant's every identity to find one customer's (a
    // new channel user then cost as much as all the customers before them).
    listIdentities: db.prepare(
      `SELECT customer_id, kind, value, verified FROM customer_identities INDEXED BY customer_identities_by_customer
       WHERE tenant_id = ? AND customer_id = ? ORDER BY ${IDENTITY_ORDER}, value`,
    ),
    findHolders: db.prepare('SELECT customer_id, kind, value, verified FROM customer_identities WHERE tenant_id = ? AND kind = ? AND value = ? ORDER BY customer_id'),
    moveIdentity: db.prepare('UPDATE customer_identities SET customer_id = ? WHERE tenant_id = ? AND kind = ? AND value = ? AND customer_id = ?'),
    removeIdentity: db.prepare('DELETE FROM customer_identities WHERE tenant_id = ? AND customer_id = ? AND kind = ? AND value = ?'),
    setVerified: db.prepare('UPDATE customer_identities SET verified = ? WHERE tenant_id = ? AND customer_id = ? AND kind = ? AND value = ?'),
    moveConversations: db.prepare(`UPDATE conversations SET customer_id = @to WHERE tenant_id = @tenantId AND id IN ${inIds}`),
    moveContacts: db.prepare(`UPDATE channel_contacts SET customer_id = @to WHERE tenant_id = @tenantId AND conversation_id IN ${inIds}`),
    moveVisitors: db.prepare(`UPDATE webchat_visitors SET customer_id = @to WHERE tenant_id = @tenantId AND conversation_id IN ${inIds}`),
    insertSuggestion: db.prepare(
      `INSERT INTO customer_merge_suggestions (tenant_id, ${SUGGESTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    // Two named index seeks, for the same reason: else every suggestion of the tenant is read.
    listSuggestions: db.prepare(
      `SELECT ${SUGGESTION_COLUMNS} FROM customer_merge_suggestions INDEXED BY customer_merge_suggestions_pair
         WHERE tenant_id = @tenantId AND source_customer_id = @customerId
       UNION SELECT ${SUGGESTION_COLUMNS} FROM customer_merge_suggestions INDEXED BY customer_merge_suggestions_by_target
         WHERE tenant_id = @tenantId AND target_customer_id = @customerId
       ORDER BY created_at, id`,
    ),
    deleteSuggestion: db.prepare('DELETE FROM customer_merge_suggestions WHERE tenant_id = ? AND id = ?'),
    insertMerge: db.prepare(`INSERT INTO customer_merges (${MERGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    findMerge: db.prepare(`SELECT ${MERGE_COLUMNS} FROM customer_merges WHERE tenant_id = ? AND id = ?`),
    listMergesInto: db.prepare(
      `SELECT ${MERGE_COLUMNS} FROM customer_merges WHERE tenant_id = ? AND target_customer_id = ? AND unmerged_at IS NULL ORDER BY merged_at, id`,
    ),
    findMergeOf: db.prepare(`SELECT ${MERGE_COLUMNS} FROM customer_merges WHERE tenant_id = ? AND source_customer_id = ? AND unmerged_at IS NULL`),
    markUnmerged: db.prepare('UPDATE customer_merges SET unmerged_by = ?, unmerged_at = ? WHERE tenant_id = ? AND id = ?'),
    forgetIdentities: db.prepare('DELETE FROM customer_identities WHERE tenant_id = ? AND customer_id = ?'),
    forgetSuggestions: db.prepare('DELETE FROM customer_merge_suggestions WHERE tenant_id = @tenantId AND (source_customer_id = @customerId OR target_customer_id = @customerId)'),
    forgetMerges: db.prepare('DELETE FROM customer_merges WHERE tenant_id = @tenantId AND (source_customer_id = @customerId OR target_customer_id = @customerId)'),
  };
  const merge = (row: unknown) => (row ? toMerge(row as MergeRow) : null);

  return {
    findCustomer(tenantId: string, customerId: string) {
      const row = sql.findCustomer.get(tenantId, customerId) as CustomerRow | undefined;
      return row ? toCustomer(row) : null;
    },
    listNamed: (tenantId: string, name: string, limit: number) => (sql.listNamed.all(tenantId, name, limit) as CustomerRow[]).map(toCustomer),
    addIdentity(tenantId: string, customerId: string, identity: CustomerIdentity, at: number): boolean {
      return sql.addIdentity.run(tenantId, identity.kind, identity.value, customerId, identity.verified ? 1 : 0, at).changes > 0;
    },
    listIdentities: (tenantId: string, customerId: string) => (sql.listIdentities.all(tenantId, customerId) as IdentityRow[]).map(toIdentity),
    findHolders(tenantId: string, values: readonly { kind: IdentityKind; value: string }[]): HeldIdentity[] {
      return values.flatMap(({ kind, value }) =>
        (sql.findHolders.all(tenantId, kind, value) as IdentityRow[]).map((row) => ({ customerId: row.customer_id, identity: toIdentity(row) })),
      );
    },
    moveIdentity(tenantId: string, kind: IdentityKind, value: string, fromCustomerId: string, toCustomerId: string): void {
      sql.moveIdentity.run(toCustomerId, tenantId, kind, value, fromCustomerId);
    },
    removeIdentity(tenantId: string, customerId: string, kind: IdentityKind, value: string): void {
      sql.removeIdentity.run(tenantId, customerId, kind, value);
    },
    setIdentityVerified(tenantId: string, customerId: string, kind: IdentityKind, value: string, verified: boolean): void {
      sql.setVerified.run(verified ? 1 : 0, tenantId, customerId, kind, value);
    },
    moveConversations(tenantId: string, conversationIds: readonly string[], toCustomerId: string): void {
      const params = { tenantId, to: toCustomerId, ids: JSON.stringify(conversationIds) };
      sql.moveConversations.run(params);
      sql.moveContacts.run(params);
      sql.moveVisitors.run(params);
    },
    insertSuggestion(tenantId: string, suggestion: MergeSuggestion): boolean {
      const { id, sourceCustomerId, targetCustomerId, reason, at } = suggestion;
      return sql.insertSuggestion.run(tenantId, id, sourceCustomerId, targetCustomerId, reason, at).changes > 0;
    },
    listSuggestions: (tenantId: string, customerId: string) => (sql.listSuggestions.all({ tenantId, customerId }) as SuggestionRow[]).map(toSuggestion),
    deleteSuggestion(tenantId: string, suggestionId: string): void {
      sql.deleteSuggestion.run(tenantId, suggestionId);
    },
    insertMerge(stored: StoredMerge): void {
      sql.insertMerge.run(...mergeValues(stored));
    },
    findMerge: (tenantId: string, mergeId: string) => merge(sql.findMerge.get(tenantId, mergeId)),
    listMergesInto: (tenantId: string, customerId: string) => (sql.listMergesInto.all(tenantId, customerId) as MergeRow[]).map(toMerge),
    findMergeOf: (tenantId: string, sourceCustomerId: string) => merge(sql.findMergeOf.get(tenantId, sourceCustomerId)),
    markUnmerged(tenantId: string, mergeId: string, by: string, at: number): void {
      sql.markUnmerged.run(by, at, tenantId, mergeId);
    },
    forgetCustomer(tenantId: string, customerId: string): void {
      sql.forgetIdentities.run(tenantId, customerId);
      sql.forgetSuggestions.run({ tenantId, customerId });
      sql.forgetMerges.run({ tenantId, customerId });
    },
  };
}
