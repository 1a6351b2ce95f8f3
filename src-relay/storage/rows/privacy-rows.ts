import { Capability } from '../../../src-shared/privacy/capabilities.js';
import { IdentityCheckMethod, PrivacyRequestKind, PrivacyRequestStatus, ReminderStage, RequestChannel, type PrivacyReminder } from '../../../src-shared/privacy/privacy-requests.js';
import { PrivacyRegime } from '../../../src-shared/privacy/request-deadlines.js';
import type { StoredPrivacyExport, StoredPrivacyRequest } from '../port/privacy.js';

/** A privacy request's columns as both adapters select them (PostgreSQL's bigints may come back as strings). */
export interface PrivacyRequestRow {
  id: string;
  customer_id: string;
  kind: string;
  channel: string;
  conversation_id: string | null;
  requester_name: string;
  on_behalf: number;
  regime: string;
  received_at: number | string;
  due_at: number | string;
  receipt_due_at: number | string | null;
  status: string;
  extension_reason: string | null;
  refusal_reason: string | null;
  identity_method: string | null;
  identity_note: string | null;
  identity_checked_by: string | null;
  identity_checked_at: number | string | null;
  note: string;
  opened_by: string;
  opened_at: number | string;
  updated_at: number | string;
}

export const PRIVACY_REQUEST_COLUMNS = `id, customer_id, kind, channel, conversation_id, requester_name, on_behalf, regime, received_at, due_at, receipt_due_at,
  status, extension_reason, refusal_reason, identity_method, identity_note, identity_checked_by, identity_checked_at, note, opened_by, opened_at, updated_at`;

const orNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function requestOfRow(row: PrivacyRequestRow): StoredPrivacyRequest {
  const checked = row.identity_method !== null && row.identity_checked_by !== null && row.identity_checked_at !== null;
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: PrivacyRequestKind.parse(row.kind),
    channel: RequestChannel.parse(row.channel),
    conversationId: row.conversation_id,
    requesterName: row.requester_name,
    onBehalf: Number(row.on_behalf) === 1,
    regime: PrivacyRegime.parse(row.regime),
    receivedAt: Number(row.received_at),
    dueAt: Number(row.due_at),
    receiptDueAt: orNull(row.receipt_due_at),
    status: PrivacyRequestStatus.parse(row.status),
    extensionReason: row.extension_reason,
    refusalReason: row.refusal_reason,
    identityCheck: checked
      ? { method: IdentityCheckMethod.parse(row.identity_method), note: row.identity_note ?? '', checkedBy: row.identity_checked_by ?? '', checkedAt: Number(row.identity_checked_at) }
      : null,
    note: row.note,
    openedBy: row.opened_by,
    openedAt: Number(row.opened_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The request's values in PRIVACY_REQUEST_COLUMNS order. */
export function requestValues(request: StoredPrivacyRequest): unknown[] {
  const check = request.identityCheck;
  return [
    request.id, request.customerId, request.kind, request.channel, request.conversationId, request.requesterName, request.onBehalf ? 1 : 0, request.regime,
    request.receivedAt, request.dueAt, request.receiptDueAt, request.status, request.extensionReason, request.refusalReason,
    check?.method ?? null, check?.note ?? null, check?.checkedBy ?? null, check?.checkedAt ?? null, request.note, request.openedBy, request.openedAt, request.updatedAt,
  ];
}

export interface PrivacyReminderRow {
  id: string;
  request_id: string;
  stage: string;
  due_at: number | string;
  at: number | string;
}

export function reminderOfRow(row: PrivacyReminderRow): PrivacyReminder {
  return { id: row.id, requestId: row.request_id, stage: ReminderStage.parse(row.stage), dueAt: Number(row.due_at), at: Number(row.at) };
}

export interface PrivacyExportRow {
  id: string;
  customer_id: string;
  request_id: string | null;
  location: string;
  size: number | string;
  created_by: string;
  created_at: number | string;
}

export function exportOfRow(row: PrivacyExportRow): StoredPrivacyExport {
  return { id: row.id, customerId: row.customer_id, requestId: row.request_id, location: row.location, size: Number(row.size), createdBy: row.created_by, createdAt: Number(row.created_at) };
}

export function capabilitiesOfRows(rows: { capability: string }[]): Capability[] {
  return rows.flatMap((row) => {
    const parsed = Capability.safeParse(row.capability);
    return parsed.success ? [parsed.data] : [];
  });
}
