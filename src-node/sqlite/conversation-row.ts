import type { Channel, Conversation, ConversationStatus } from '../../src-shared/domain/model.js';

/** The columns a conversation row has, under the same names and in the same form, in the cache and in the relay. */
export interface ConversationColumns {
  id: string;
  customer_id: string;
  customer_name: string;
  channel: Channel;
  team_id: string;
  assignee_id: string | null;
  status: ConversationStatus;
  language: string;
  market: string | null;
  created_at: number;
  updated_at: number;
  last_message_at: number;
  last_message_preview: string;
  /** JSON array. */
  labels: string;
  /** JSON SlaClock, or null. */
  sla: string | null;
  vip: 0 | 1;
}

/** What both stores read back alike; the SLA clock, the offer and the routing signals each store reads its own way. */
export type ConversationBase = Omit<Conversation, 'sla' | 'offer' | 'intent' | 'upset'> & { labels: string[]; vip: boolean };

export function conversationColumns(conversation: Conversation): ConversationColumns {
  return {
    id: conversation.id,
    customer_id: conversation.customerId,
    customer_name: conversation.customerName,
    channel: conversation.channel,
    team_id: conversation.teamId,
    assignee_id: conversation.assigneeId,
    status: conversation.status,
    language: conversation.language,
    market: conversation.market,
    created_at: conversation.createdAt,
    updated_at: conversation.updatedAt,
    last_message_at: conversation.lastMessageAt,
    last_message_preview: conversation.lastMessagePreview,
    labels: JSON.stringify(conversation.labels ?? []),
    sla: conversation.sla ? JSON.stringify(conversation.sla) : null,
    vip: conversation.vip ? 1 : 0,
  };
}

export function conversationFromColumns(row: Omit<ConversationColumns, 'sla'>): ConversationBase {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    channel: row.channel,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    status: row.status,
    language: row.language,
    market: row.market,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_message_preview,
    labels: JSON.parse(row.labels) as string[],
    vip: row.vip === 1,
  };
}
