import { Channel, type Conversation } from '../../src-shared/domain/model.js';
import type { HistoryEntry } from '../storage/port/conversations.js';
import type { AnonymisedConversation } from '../storage/port/retention.js';

/**
 * An anonymised conversation as the history counts it: the same figures as before it was
 * anonymised (its volume, market, response and resolution times, SLA), with no customer and no
 * text. It was resolved when it expired; its close time is its last change.
 */
export function anonymisedHistoryEntry(kept: AnonymisedConversation): HistoryEntry {
  const conversation: Conversation = {
    id: kept.id,
    customerId: 'anonymised',
    customerName: '',
    channel: Channel.parse(kept.channel),
    teamId: kept.teamId,
    assigneeId: kept.assigneeId,
    status: 'resolved',
    language: kept.language,
    market: kept.market,
    createdAt: kept.createdAt,
    updatedAt: kept.closedAt,
    lastMessageAt: kept.closedAt,
    lastMessagePreview: '',
    sla: kept.sla,
    intent: kept.intent,
  };
  return { conversation, firstCustomerAt: kept.firstCustomerAt, firstAnswerAt: kept.firstAnswerAt };
}
