import type { SlaTarget } from '../../../src-shared/domain/model.js';
import type { SlaPolicy } from '../../../src-shared/domain/sla.js';

export interface SlaBreach {
  conversationId: string;
  target: SlaTarget;
  dueAt: number;
  breachedAt: number;
  teamId: string;
  channel: string;
  market: string | null;
}

/** Each tenant's SLA policies, in the order they are tried, and every breach, for reports. */
export interface SlaRepository {
  listPolicies(tenantId: string): Promise<SlaPolicy[]>;
  /** Replaces the tenant's policies, in this order; call inside a transaction. */
  replacePolicies(tenantId: string, policies: readonly SlaPolicy[]): Promise<void>;
  /** A breach of a target is kept once; a repeat is ignored. */
  insertBreach(tenantId: string, breach: SlaBreach): Promise<void>;
  /** Breaches in [from, to), oldest first. */
  listBreaches(tenantId: string, from: number, to: number): Promise<SlaBreach[]>;
}
