import { NO_SLA_DUE_MS, UPSET_LEAD_MS, VIP_LEAD_MS } from '../../../src-shared/domain/routing-score.js';
import type { MessageColumns } from '../../../src-node/sqlite/message-row.js';

/** A conversation's columns as both adapters select them: its customer's name and VIP flag joined in. */
export const CONVERSATION_COLUMNS = `c.id, c.customer_id, cu.name AS customer_name, c.channel, c.team_id, c.assignee_id, c.status,
  c.language, c.market, c.created_at, c.updated_at, c.last_message_at, c.last_message_preview, c.labels, cu.vip, c.sla, c.intent, c.upset, c.offer_agent_id, c.offer_expires_at`;

/**
 * A queued conversation's urgency (routing-score's urgencyOf of assignment's waitingOf) in SQL:
 * sla_check_at is always written as nextCheckAt(sla), VIP comes from the customer, and both flags
 * are stored as 0 or 1. The numbers are the code's own constants, never input.
 */
export const QUEUE_URGENCY = `(COALESCE(c.sla_check_at, c.created_at + ${NO_SLA_DUE_MS}) - cu.vip * ${VIP_LEAD_MS} - c.upset * ${UPSET_LEAD_MS})`;

/** A stored message: the shared columns, its tenant and the client's id for it. */
export interface MessageRow extends MessageColumns {
  tenant_id: string;
  client_message_id: string | null;
}
