import type { SlaClock } from '../../../src-shared/domain/model.js';
import type { AnonymisedConversation } from '../port/retention.js';

/** The columns of `anonymised_conversations`, in the order both adapters write them. */
export const ANONYMISED_COLUMNS = [
  'id', 'tenant_id', 'channel', 'team_id', 'assignee_id', 'language', 'market', 'intent', 'sla',
  'created_at', 'closed_at', 'first_customer_at', 'first_answer_at', 'messages', 'anonymised_at',
] as const;

export interface AnonymisedRow {
  id: string;
  channel: string;
  team_id: string;
  assignee_id: string | null;
  language: string;
  market: string | null;
  intent: string | null;
  sla: string | null;
  created_at: number | string;
  closed_at: number | string;
  first_customer_at: number | string | null;
  first_answer_at: number | string | null;
  messages: number;
  anonymised_at: number | string;
}

export function anonymisedValues(tenantId: string, c: AnonymisedConversation): unknown[] {
  return [c.id, tenantId, c.channel, c.teamId, c.assigneeId, c.language, c.market, c.intent, c.sla === null ? null : JSON.stringify(c.sla),
    c.createdAt, c.closedAt, c.firstCustomerAt, c.firstAnswerAt, c.messages, c.anonymisedAt];
}

const time = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function anonymisedOfRow(row: AnonymisedRow): AnonymisedConversation {
  return {
    id: row.id,
    channel: row.channel,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    language: row.language,
    market: row.market,
    intent: row.intent,
    // Written from a typed clock by anonymisedValues.
    sla: row.sla === null ? null : (JSON.parse(row.sla) as SlaClock),
    createdAt: Number(row.created_at),
    closedAt: Number(row.closed_at),
    firstCustomerAt: time(row.first_customer_at),
    firstAnswerAt: time(row.first_answer_at),
    messages: row.messages,
    anonymisedAt: Number(row.anonymised_at),
  };
}
