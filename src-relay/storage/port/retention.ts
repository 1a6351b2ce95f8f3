import type { SlaClock } from '../../../src-shared/domain/model.js';
import type { RetentionPolicy } from '../../../src-shared/domain/retention.js';

/**
 * What an anonymised conversation leaves (docs/privacy.md, "Retention"): enough for the reports
 * (volume, markets, response and resolution times, SLA) and nothing that names anyone outside
 * the company: no customer, no text, no provider id.
 */
export interface AnonymisedConversation {
  id: string;
  channel: string;
  teamId: string;
  assigneeId: string | null;
  language: string;
  market: string | null;
  intent: string | null;
  sla: SlaClock | null;
  createdAt: number;
  closedAt: number;
  firstCustomerAt: number | null;
  firstAnswerAt: number | null;
  messages: number;
  anonymisedAt: number;
}

/** Each tenant's retention policy, and the figures of the conversations it anonymised. */
export interface RetentionRepository {
  /** Null: conversations are kept until erased. */
  policyOf(tenantId: string): Promise<RetentionPolicy | null>;
  setPolicy(tenantId: string, policy: RetentionPolicy | null, at: number): Promise<void>;
  keepAnonymised(tenantId: string, conversation: AnonymisedConversation): Promise<void>;
  /** Those created in [from, to), oldest first. */
  listAnonymised(tenantId: string, from: number, to: number): Promise<AnonymisedConversation[]>;
}
