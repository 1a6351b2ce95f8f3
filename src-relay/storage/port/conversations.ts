import type { RetentionMarkets } from '../../../src-shared/domain/retention.js';
import type { Channel, Conversation, Message } from '../../../src-shared/domain/model.js';
import type { WorkKind } from '../../../src-shared/domain/routing-score.js';

export interface Customer {
  id: string;
  name: string;
  language: string;
  market: string | null;
  createdAt: number;
  vip?: boolean;
}

/** Where a queued conversation stands: its urgency (routing-score's urgencyOf), then when it came. */
export interface QueuePosition {
  urgency: number;
  createdAt: number;
}

/** A message and the id its sender's client chose, when it chose one. */
export interface StoredMessage {
  tenantId: string;
  message: Message;
  clientMessageId: string | null;
}

export interface Visitor {
  tenantId: string;
  customerId: string;
  conversationId: string;
}

/** Who a listing is for: the same rule as `canSee` in log/visibility, applied to conversations as they are now. */
export interface Scope {
  role: 'agent' | 'supervisor' | 'admin';
  agentId: string;
  teamIds: readonly string[];
}

/** One conversation as history needs it: when it came, and when the customer first wrote and was first answered. */
export interface HistoryEntry {
  conversation: Conversation;
  firstCustomerAt: number | null;
  firstAnswerAt: number | null;
}

/** How many conversations of a team on a channel an agent holds. */
export interface ActiveCount {
  teamId: string;
  channel: Channel;
  count: number;
}

/** The record an erasure leaves: who asked, when, and how much went. */
export interface ErasureRecord {
  requestedBy: string;
  at: number;
  conversations: number;
  messages: number;
}

/**
 * Customers, conversations (with their SLA clock, routing signals and offer), messages, provider
 * message ids, web-chat visitors, and erasure. Listings that say "soonest" or "oldest" are capped
 * at a few hundred rows per call.
 */
export interface ConversationsRepository {
  insertCustomer(tenantId: string, customer: Customer): Promise<void>;
  insertConversation(tenantId: string, conversation: Conversation): Promise<void>;
  /** Writes what can change after creation; the customer and channel never do. */
  updateConversation(conversation: Conversation): Promise<void>;
  /** Conversations that came in [from, to), oldest first, with when the customer first wrote and was first answered. */
  listHistory(tenantId: string, from: number, to: number): Promise<HistoryEntry[]>;
  /** The tenant's conversations whose offer lapsed by `at`, soonest lapsed first. */
  listOffersLapsed(tenantId: string, at: number): Promise<Conversation[]>;
  /** Agents who let an offer of this conversation pass; not offered it again. */
  passedOver(conversationId: string): Promise<string[]>;
  addPassedOver(conversationId: string, agentId: string): Promise<void>;
  /** `passedOver` of several conversations in one query (a queue drain); those nobody let pass are left out. */
  passedOverOf(conversationIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Unresolved conversations that missed an SLA target, newest change first. */
  listBreachedOpen(tenantId: string): Promise<Conversation[]>;
  /** Conversations with an SLA target falling due by `at`, soonest first. */
  listSlaDue(tenantId: string, at: number): Promise<Conversation[]>;
  findConversation(tenantId: string, id: string): Promise<Conversation | null>;
  /** Unassigned, unresolved conversations of these teams, oldest first (then by id). */
  listQueued(tenantId: string, teamIds: readonly string[]): Promise<Conversation[]>;
  /**
   * At most `limit` of one team's `listQueued` of one kind of work, most urgent first as routing
   * orders the queue (routing-score's urgencyOf, then arrival; then by id, in the database's order
   * of text), from just after `after`: a drain reads the head of a long queue, not all of it. The
   * urgency is stored with each conversation and indexed with the team's waiting ones by kind, so
   * this is an index read however long the queue. With `language` (a primary subtag, "pt" for
   * "pt-BR"), only the conversations in that language, through an index of the waiting by language.
   */
  listQueuedByUrgency(tenantId: string, teamId: string, kind: WorkKind, after: QueuePosition | null, limit: number, language?: string): Promise<Conversation[]>;
  /** Assigned, unresolved conversations of these teams, counted by team and channel (by team, then channel). */
  countActive(tenantId: string, teamIds: readonly string[]): Promise<ActiveCount[]>;
  insertMessage(tenantId: string, message: Message, clientMessageId: string | null): Promise<void>;
  findMessage(id: string): Promise<StoredMessage | null>;
  /** The newest `limit` messages the customer sees (no internal notes), oldest first; insertion order breaks ties. */
  listPublicMessages(conversationId: string, limit: number): Promise<StoredMessage[]>;
  /** The newest `limit` messages of a conversation, oldest first; insertion order breaks ties. */
  listMessages(conversationId: string, limit: number): Promise<StoredMessage[]>;
  /** Our message id for a provider's message id; a retried webhook finds its message. */
  findProviderMessage(tenantId: string, channel: Channel, providerMessageId: string): Promise<string | null>;
  insertProviderMessage(tenantId: string, channel: Channel, providerMessageId: string, messageId: string): Promise<void>;
  insertVisitor(tokenHash: string, visitor: Visitor, at: number): Promise<void>;
  findVisitor(tokenHash: string): Promise<Visitor | null>;
  touchVisitor(tokenHash: string, at: number): Promise<void>;
  /** A page of what `scope` may see now, in id order after `after`. */
  listVisible(tenantId: string, scope: Scope, after: string | null, limit: number): Promise<Conversation[]>;
  countVisible(tenantId: string, scope: Scope): Promise<number>;
  /** In id order. */
  listOfCustomer(tenantId: string, customerId: string): Promise<Conversation[]>;
  /** Removes the conversation, its messages, provider ids, chat visitors, messaging contact and queued sends, leaving a tombstone with its id; returns the message count. */
  eraseConversation(tenantId: string, conversationId: string, at: number): Promise<number>;
  wasErased(tenantId: string, conversationId: string): Promise<boolean>;
  /** Resolved conversations last changed before `closedBefore`, of these markets, oldest first: what a retention policy expires. */
  listClosedBefore(tenantId: string, markets: RetentionMarkets, closedBefore: number, limit: number): Promise<HistoryEntry[]>;
  /** Deletes a customer none of whose conversations is left (their identities and merges forgotten first); false when one is. */
  deleteCustomerIfUnheld(tenantId: string, customerId: string): Promise<boolean>;
  /** The customer row goes last, once nothing refers to it; the record of the request stays. */
  eraseCustomer(tenantId: string, customerId: string, erasure: ErasureRecord): Promise<void>;
}
