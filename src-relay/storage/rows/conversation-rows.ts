import type { MessageColumns } from '../../../src-node/sqlite/message-row.js';

/** A conversation's columns as both adapters select them: its customer's name and VIP flag joined in. */
export const CONVERSATION_COLUMNS = `c.id, c.customer_id, cu.name AS customer_name, c.channel, c.team_id, c.assignee_id, c.status,
  c.language, c.market, c.created_at, c.updated_at, c.last_message_at, c.last_message_preview, c.labels, cu.vip, c.sla, c.intent, c.upset, c.offer_agent_id, c.offer_expires_at`;

/**
 * A conversation's kind of work (routing-score's workKindOf) as the waiting conversations' index
 * has it (conversations_waiting): a query must say it in these words to read that index.
 */
export const WORK_KIND = `CASE c.channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END`;

/**
 * A conversation's primary language subtag (routing-score's primaryOf: "pt-BR" is "pt") as each
 * engine's index of the waiting by language has it (conversations_waiting_by_language).
 */
export const PRIMARY_LANGUAGE = {
  sqlite: `lower(substr(c.language || '-', 1, instr(c.language || '-', '-') - 1))`,
  postgres: `split_part(lower(c.language), '-', 1)`,
} as const;

/** A stored message: the shared columns, its tenant and the client's id for it. */
export interface MessageRow extends MessageColumns {
  tenant_id: string;
  client_message_id: string | null;
}
