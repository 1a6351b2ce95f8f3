import { randomUUID } from 'node:crypto';
import type { Agent } from '../../src-shared/domain/model.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { FileStore } from '../files/file-store.js';
import type { RelayCore } from '../relay-core.js';
import type { StoredPrivacyExport, StoredPrivacyRequest } from '../storage/port/privacy.js';
import { readCustomerRecord } from './customer-record.js';
import { bundleOf } from './export-bundle.js';
import type { ExportFiles } from './export-files.js';

/** What making an export needs: the attachments' bytes and where bundles go. */
export interface ExportPlaces {
  files: FileStore;
  exports: ExportFiles;
}

/**
 * Makes the bundle for an access or portability request, records it (so that an erasure finds
 * it) and audits it. Null when the customer is gone: there is nothing left to give.
 */
export async function makeExport(core: RelayCore, places: ExportPlaces, agent: Agent, request: StoredPrivacyRequest, address: string | null): Promise<StoredPrivacyExport | null> {
  const tenantId = agent.tenantId;
  const record = await readCustomerRecord(core, tenantId, request.customerId);
  if (!record) return null;
  const id = randomUUID();
  const createdAt = core.now();
  const { location, size } = await places.exports.write(tenantId, id, bundleOf(record, places.files, createdAt, core.reportError));
  const made: StoredPrivacyExport = { id, customerId: request.customerId, requestId: request.id, location, size, createdBy: agent.id, createdAt };
  try {
    await core.store.transaction(async (tx) => {
      await tx.privacy.insertExport(tenantId, made);
      const details = { request: request.id, customer: request.customerId, conversations: record.conversations.length, messages: record.messages.length, attachments: record.attachments.length };
      await recordAudit(tx, tenantId, createdAt, actorOf(agent, address), 'privacy_export.created', { type: 'export', id }, details);
    }, { tenantId });
  } catch (error) {
    // A bundle nobody recorded could never be found by an erasure: it goes.
    await places.exports.delete(location);
    throw error;
  }
  return made;
}
