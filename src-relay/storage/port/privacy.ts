import type { Capability } from '../../../src-shared/privacy/capabilities.js';
import type { PrivacyExport, PrivacyReminder, PrivacyRequest } from '../../../src-shared/privacy/privacy-requests.js';

/** A request as stored: the register's row, without the customer's name (read from the customer, who may be gone). */
export type StoredPrivacyRequest = Omit<PrivacyRequest, 'customerName'>;

/** An export as stored: where its bundle lies (export-files.ts), so that an erasure can delete it. */
export interface StoredPrivacyExport extends PrivacyExport {
  location: string;
}

/**
 * The register of data subject requests, the reminders told about them, the exports made, and
 * who holds the privacy capability (docs/privacy.md). Everything is per tenant: a lookup by id
 * in another tenant finds nothing.
 */
export interface PrivacyRepository {
  insertRequest(tenantId: string, request: StoredPrivacyRequest): Promise<void>;
  /** Writes every field but the id, customer and opening facts. */
  updateRequest(tenantId: string, request: StoredPrivacyRequest): Promise<void>;
  findRequest(tenantId: string, requestId: string): Promise<StoredPrivacyRequest | null>;
  /** Soonest due first; open ones only when asked. */
  listRequests(tenantId: string, filter: { openOnly: boolean; customerId?: string }): Promise<StoredPrivacyRequest[]>;
  /** False, writing nothing, when this stage was told for this request and due date already (an extended request is reminded again of its new date). */
  insertReminder(tenantId: string, reminder: PrivacyReminder): Promise<boolean>;
  /** Newest first. */
  listReminders(tenantId: string, limit: number): Promise<PrivacyReminder[]>;
  insertExport(tenantId: string, made: StoredPrivacyExport): Promise<void>;
  findExport(tenantId: string, exportId: string): Promise<StoredPrivacyExport | null>;
  /** Every export made of the customer, oldest first: for the register, and for an erasure to delete. */
  listExports(tenantId: string, customerId: string): Promise<StoredPrivacyExport[]>;
  /** Forgets the export's row, once its bundle is deleted (an erasure's). */
  deleteExport(tenantId: string, exportId: string): Promise<void>;
  /** Granting what is held already, or revoking what is not, changes nothing. */
  setCapability(tenantId: string, agentId: string, capability: Capability, held: boolean, by: string, at: number): Promise<void>;
  /** What the agent of this tenant was granted (nothing for an agent of another tenant). */
  capabilitiesOf(tenantId: string, agentId: string): Promise<Capability[]>;
  /** The tenant's agents granted the capability, by id. */
  holdersOf(tenantId: string, capability: Capability): Promise<string[]>;
}
