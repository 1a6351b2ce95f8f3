import { randomUUID } from 'node:crypto';
import type { Agent } from '../../src-shared/domain/model.js';
import { statusRefusal, type NewPrivacyRequest, type PrivacyRequest, type PrivacyRequestUpdate } from '../../src-shared/privacy/privacy-requests.js';
import { regimeOfMarket, REGIME_RULES, requestDueDates } from '../../src-shared/privacy/request-deadlines.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import { canAct, viewerOf } from '../log/visibility.js';
import type { RelayCore } from '../relay-core.js';
import type { StoredPrivacyRequest } from '../storage/port/privacy.js';

/** A refusal in the privacy team's words; `not_found` also for what lies outside the caller's scope. */
export type RegisterRefusal = { code: 'not_found' | 'bad_request' | 'conflict'; message: string };
export type RegisterResult<T> = { ok: true; value: T } | { ok: false; refusal: RegisterRefusal };

const NOT_FOUND: RegisterRefusal = { code: 'not_found', message: 'There is no such customer or conversation.' };

/**
 * Opens a request. The privacy team opens one for any customer of the company; any other agent
 * only from a conversation they may act on, for that conversation's customer. The regime is the
 * one chosen, else the customer's market's; the due dates follow from it.
 */
export async function openRequest(core: RelayCore, agent: Agent, asked: NewPrivacyRequest, privacyTeam: boolean, address: string | null): Promise<RegisterResult<StoredPrivacyRequest>> {
  const tenantId = agent.tenantId;
  const conversation = asked.conversationId ? await core.store.conversations.findConversation(tenantId, asked.conversationId) : null;
  if (asked.conversationId && (!conversation || conversation.customerId !== asked.customerId)) return { ok: false, refusal: NOT_FOUND };
  if (!privacyTeam && !(conversation && canAct(viewerOf(agent), conversation))) return { ok: false, refusal: NOT_FOUND };
  const customer = await core.store.customers.findCustomer(tenantId, asked.customerId);
  if (!customer) return { ok: false, refusal: NOT_FOUND };
  const regime = asked.regime ?? regimeOfMarket(customer.market);
  if (!regime) return { ok: false, refusal: { code: 'bad_request', message: `No privacy law is known for the customer's market (${customer.market ?? 'none'}): choose the regime that applies.` } };
  const now = core.now();
  const receivedAt = Math.min(asked.receivedAt ?? now, now);
  const due = requestDueDates(regime, receivedAt);
  const request: StoredPrivacyRequest = {
    id: randomUUID(),
    customerId: customer.id,
    kind: asked.kind,
    channel: asked.channel,
    conversationId: conversation?.id ?? null,
    requesterName: asked.requesterName,
    onBehalf: asked.onBehalf,
    regime,
    receivedAt,
    dueAt: due.dueAt,
    receiptDueAt: due.receiptDueAt,
    status: 'received',
    extensionReason: null,
    refusalReason: null,
    identityCheck: null,
    note: asked.note,
    openedBy: agent.id,
    openedAt: now,
    updatedAt: now,
  };
  await core.store.transaction(async (tx) => {
    await tx.privacy.insertRequest(tenantId, request);
    await recordAudit(tx, tenantId, now, actorOf(agent, address), 'privacy_request.opened', { type: 'privacy_request', id: request.id }, { kind: request.kind, regime, customer: customer.id });
  }, { tenantId });
  return { ok: true, value: request };
}

/** Records an identity check, a note or a move of status (with its reason), as the rules of request-deadlines.ts and privacy-requests.ts allow. */
export async function updateRequest(core: RelayCore, agent: Agent, requestId: string, update: PrivacyRequestUpdate, address: string | null): Promise<RegisterResult<StoredPrivacyRequest>> {
  const tenantId = agent.tenantId;
  const now = core.now();
  return core.store.transaction(async (tx): Promise<RegisterResult<StoredPrivacyRequest>> => {
    const found = await tx.privacy.findRequest(tenantId, requestId);
    if (!found) return { ok: false, refusal: { code: 'not_found', message: 'There is no such privacy request.' } };
    const identityCheck = update.identityCheck ? { ...update.identityCheck, checkedBy: agent.id, checkedAt: now } : found.identityCheck;
    let next: StoredPrivacyRequest = { ...found, identityCheck, note: update.note ?? found.note, updatedAt: now };
    // Asking to extend again is refused, not ignored: the law allows one extension.
    if (update.status && (update.status !== found.status || update.status === 'extended')) {
      const extension = REGIME_RULES[found.regime].extension;
      const refusal = statusRefusal(found.status, update.status, { reason: Boolean(update.reason), extendable: extension !== null, extended: found.extensionReason !== null, identityChecked: identityCheck !== null });
      if (refusal) return { ok: false, refusal: { code: 'conflict', message: refusal } };
      if (update.status === 'extended') {
        const extendedDueAt = requestDueDates(found.regime, found.receivedAt).extendedDueAt;
        if (now > found.dueAt || extendedDueAt === null) return { ok: false, refusal: { code: 'conflict', message: 'The due date has passed: a request is extended before it falls due, and the customer told why.' } };
        next = { ...next, dueAt: extendedDueAt, extensionReason: update.reason ?? null };
      }
      next = { ...next, status: update.status, refusalReason: update.status === 'refused' ? (update.reason ?? null) : next.refusalReason };
    }
    await tx.privacy.updateRequest(tenantId, next);
    const details = { status: next.status, identityChecked: next.identityCheck !== null, extended: next.extensionReason !== null };
    await recordAudit(tx, tenantId, now, actorOf(agent, address), 'privacy_request.updated', { type: 'privacy_request', id: requestId }, details);
    return { ok: true, value: next };
  }, { tenantId });
}

/** The stored request as the register shows it: with the customer's name while the customer exists. */
export async function shownRequest(core: RelayCore, tenantId: string, request: StoredPrivacyRequest): Promise<PrivacyRequest> {
  const customer = await core.store.customers.findCustomer(tenantId, request.customerId);
  return { ...request, customerName: customer?.name ?? null };
}
