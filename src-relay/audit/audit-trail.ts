import { AuditDetails, type AuditAction, type AuditRecord, type AuditTarget } from '../../src-shared/domain/audit.js';
import type { Agent } from '../../src-shared/domain/model.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';

/** Who acted: an account (null for the system or someone not signed in) and, for a request, the address it came from. */
export interface AuditActor {
  actorId: string | null;
  actorAddress: string | null;
}

/** The signed-in caller of a request, or nobody; `address` is the socket's (the relay trusts no forwarding header). */
export function actorOf(agent: Pick<Agent, 'id'> | null, address: string | null | undefined): AuditActor {
  return { actorId: agent?.id ?? null, actorAddress: address ?? null };
}

/**
 * Appends one entry through `repositories`: a transaction's, so that the entry is committed with
 * the change it records or not at all; or the storage's, for what changes nothing else (a sign-in
 * refused, an export).
 */
export function recordAudit(
  repositories: Pick<RelayRepositories, 'audit'>,
  tenantId: string,
  at: number,
  actor: AuditActor,
  action: AuditAction,
  target: AuditTarget | null,
  details: AuditDetails = {},
): Promise<unknown> {
  // Details the schema would not read back would be shown as none: a programming error, refused loudly.
  const checked = AuditDetails.safeParse(details);
  if (!checked.success) return Promise.reject(new Error(`Audit details for ${action} do not fit AuditDetails: ${checked.error.message}`));
  const record: AuditRecord = { at, ...actor, action, target, details };
  return repositories.audit.append(tenantId, record);
}
