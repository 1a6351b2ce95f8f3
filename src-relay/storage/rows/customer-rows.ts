import type { CustomerIdentity, IdentityKind, MergeReason, MergeSuggestion } from '../../../src-shared/domain/customers.js';
import type { Customer } from '../port/conversations.js';
import type { MergeMoves, StoredMerge } from '../port/customers.js';

/** Rows of the customer tables as both adapters select them, and how they read back. */

export const CUSTOMER_COLUMNS = 'id, name, language, market, created_at, vip';
export interface CustomerRow {
  id: string;
  name: string;
  language: string;
  market: string | null;
  created_at: number;
  vip: number;
}
export const toCustomer = (row: CustomerRow): Customer => ({ id: row.id, name: row.name, language: row.language, market: row.market, createdAt: row.created_at, vip: row.vip === 1 });

/** Channel users first, then phones, then emails. */
export const IDENTITY_ORDER = "CASE kind WHEN 'channel' THEN 0 WHEN 'phone' THEN 1 ELSE 2 END";
export interface IdentityRow {
  customer_id: string;
  kind: IdentityKind;
  value: string;
  verified: number;
}
export const toIdentity = (row: IdentityRow): CustomerIdentity => ({ kind: row.kind, value: row.value, verified: row.verified === 1 });

export const SUGGESTION_COLUMNS = 'id, source_customer_id, target_customer_id, reason, created_at';
export interface SuggestionRow {
  id: string;
  source_customer_id: string;
  target_customer_id: string;
  reason: MergeReason;
  created_at: number;
}
export const toSuggestion = (row: SuggestionRow): MergeSuggestion => ({
  id: row.id,
  sourceCustomerId: row.source_customer_id,
  targetCustomerId: row.target_customer_id,
  reason: row.reason,
  at: row.created_at,
});

export const MERGE_COLUMNS = 'id, tenant_id, source_customer_id, target_customer_id, merged_by, merged_by_name, merged_at, moves, unmerged_by, unmerged_at';
export interface MergeRow {
  id: string;
  tenant_id: string;
  source_customer_id: string;
  target_customer_id: string;
  merged_by: string;
  merged_by_name: string;
  merged_at: number;
  /** JSON MergeMoves, written by the adapters from a typed value. */
  moves: string;
  unmerged_by: string | null;
  unmerged_at: number | null;
}
export const toMerge = (row: MergeRow): StoredMerge => ({
  id: row.id,
  tenantId: row.tenant_id,
  sourceCustomerId: row.source_customer_id,
  targetCustomerId: row.target_customer_id,
  mergedBy: row.merged_by,
  mergedByName: row.merged_by_name,
  mergedAt: row.merged_at,
  moves: JSON.parse(row.moves) as MergeMoves,
  unmergedBy: row.unmerged_by,
  unmergedAt: row.unmerged_at,
});
export const mergeValues = (merge: StoredMerge): unknown[] => [
  merge.id, merge.tenantId, merge.sourceCustomerId, merge.targetCustomerId, merge.mergedBy, merge.mergedByName, merge.mergedAt,
  JSON.stringify(merge.moves), merge.unmergedBy, merge.unmergedAt,
];
