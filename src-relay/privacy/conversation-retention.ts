import { retentionCutoffs, type RetentionCutoff, type RetentionPolicy } from '../../src-shared/domain/retention.js';
import { recordAudit } from '../audit/audit-trail.js';
import type { FileStore } from '../files/file-store.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import { repeatForTenants } from '../repeating.js';
import type { HistoryEntry } from '../storage/port/conversations.js';
import { forgetFileBytes } from './forget-files.js';
import type { ExportFiles } from './export-files.js';
import { eraseExportsOf } from './erasure.js';

/** Conversations expired in one commit: small enough that a tenant's other commits never wait long. */
const BATCH = 100;
const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
/** The lease of a tenant's retention run, and the name its failures are reported under. */
const CONVERSATION_RETENTION = 'conversation retention';

export interface RetentionOutcome {
  conversations: number;
  messages: number;
}

/**
 * Applies the tenant's retention policy (docs/privacy.md, "Retention"): every conversation closed
 * longer ago than its market's period is deleted, or anonymised with its figures kept for the
 * reports. Either way it goes as an erasure does (its messages, files, provider ids, log events),
 * each desk is told to drop its copy, and a customer left with no conversation goes too. Each
 * batch is one commit with its own audit entry.
 */
export async function applyRetention(core: RelayCore, tenantId: string, files: FileStore | null, exports: ExportFiles | null = null): Promise<RetentionOutcome> {
  const policy = await core.store.retention.policyOf(tenantId);
  const total: RetentionOutcome = { conversations: 0, messages: 0 };
  if (policy === null) return total;
  for (const cutoff of retentionCutoffs(policy, core.now())) {
    for (;;) {
      const batch = await core.commit(tenantId, (changes) => expireBatch(changes, policy, cutoff));
      await forgetFileBytes(files, batch.unheldFileIds);
      for (const location of batch.exportLocations) await exports?.delete(location);
      total.conversations += batch.conversations;
      total.messages += batch.messages;
      if (batch.conversations < BATCH) break;
    }
  }
  return total;
}

/** Applies retention hourly for every tenant whose lease this node holds (once per cluster); resolves to a stop function. */
export function scheduleRetention(core: RelayCore, files: FileStore | null, exports: ExportFiles | null, intervalMs = RETENTION_INTERVAL_MS): () => void {
  return repeatForTenants(core, intervalMs, CONVERSATION_RETENTION, (tenantId) => applyRetention(core, tenantId, files, exports));
}

async function expireBatch(changes: ChangeSet, policy: RetentionPolicy, cutoff: RetentionCutoff): Promise<RetentionOutcome & { unheldFileIds: string[]; exportLocations: string[] }> {
  const { tenantId, store } = changes;
  const expired = await store.conversations.listClosedBefore(tenantId, cutoff.markets, cutoff.closedBefore, BATCH);
  let messages = 0;
  for (const entry of expired) {
    const count = await changes.eraseConversation(entry.conversation, policy.action);
    if (policy.action === 'anonymise') await store.retention.keepAnonymised(tenantId, anonymised(entry, count, changes.at));
    messages += count;
  }
  const unheldFileIds = await store.files.eraseConversations(tenantId, expired.map((entry) => entry.conversation.id));
  // A customer with nothing left is personal data kept for no purpose: their profile, identities and exports go too.
  const exportLocations: string[] = [];
  for (const customerId of new Set(expired.map((entry) => entry.conversation.customerId))) {
    if ((await store.conversations.listOfCustomer(tenantId, customerId)).length > 0) continue;
    await store.customers.forgetCustomer(tenantId, customerId);
    await store.conversations.deleteCustomerIfUnheld(tenantId, customerId);
    exportLocations.push(...(await eraseExportsOf(changes, customerId)));
  }
  if (expired.length > 0) {
    const markets = 'only' in cutoff.markets ? cutoff.markets.only : 'other';
    const details = { action: policy.action, markets, conversations: expired.length, messages, closedBefore: cutoff.closedBefore };
    await recordAudit(store, tenantId, changes.at, { actorId: null, actorAddress: null }, 'retention.applied', { type: 'tenant', id: tenantId }, details);
  }
  return { conversations: expired.length, messages, unheldFileIds, exportLocations };
}

/** The figures the reports read, and nothing that names the customer. */
function anonymised({ conversation, firstCustomerAt, firstAnswerAt }: HistoryEntry, messages: number, at: number) {
  return {
    id: conversation.id,
    channel: conversation.channel,
    teamId: conversation.teamId,
    assigneeId: conversation.assigneeId,
    language: conversation.language,
    market: conversation.market,
    intent: conversation.intent ?? null,
    sla: conversation.sla ?? null,
    createdAt: conversation.createdAt,
    closedAt: conversation.updatedAt,
    firstCustomerAt,
    firstAnswerAt,
    messages,
    anonymisedAt: at,
  };
}
