import type Database from 'better-sqlite3';
import type { Channel, Conversation, Message, SlaClock } from '../../../src-shared/domain/model.js';
import type { WorkKind } from '../../../src-shared/domain/routing-score.js';
import { conversationColumns, conversationFromColumns, type ConversationColumns } from '../../../src-node/sqlite/conversation-row.js';
import { messageColumns, messageFromColumns } from '../../../src-node/sqlite/message-row.js';
import type { RetentionMarkets } from '../../../src-shared/domain/retention.js';
import { nextCheckAt } from '../../../src-shared/domain/sla.js';
import type { ActiveCount, ConversationsRepository, Customer, ErasureRecord, HistoryEntry, QueuePosition, Scope, StoredMessage, Visitor } from '../port/conversations.js';
import { CONVERSATION_COLUMNS, PRIMARY_LANGUAGE, WORK_KIND, type MessageRow } from '../rows/conversation-rows.js';
import type { Synchronous } from './synchronous.js';

interface ConversationRow extends ConversationColumns {
  intent: string | null;
  upset: 0 | 1;
  offer_agent_id: string | null;
  offer_expires_at: number | null;
}


function toConversation(row: ConversationRow): Conversation {
  return {
    ...conversationFromColumns(row),
    // Written by this store from a typed clock.
    sla: row.sla === null ? null : (JSON.parse(row.sla) as SlaClock),
    intent: row.intent,
    upset: row.upset === 1,
    offer: row.offer_agent_id === null || row.offer_expires_at === null ? null : { agentId: row.offer_agent_id, expiresAt: row.offer_expires_at },
  };
}

/** The routing columns written on insert and update beside the SLA clock: its next check, intent, upset and the offer. */
function routingColumns(conversation: Conversation) {
  return {
    sla_check_at: nextCheckAt(conversation.sla),
    intent: conversation.intent ?? null,
    upset: conversation.upset ? 1 : 0,
    offer_agent_id: conversation.offer?.agentId ?? null,
    offer_expires_at: conversation.offer?.expiresAt ?? null,
  };
}

function toStoredMessage(row: MessageRow): StoredMessage {
  return { tenantId: row.tenant_id, clientMessageId: row.client_message_id, message: messageFromColumns(row) };
}

const VISIBLE_TO_SCOPE = `(@role = 'admin'
  OR (@role = 'supervisor' AND c.team_id IN (SELECT value FROM json_each(@teamIds)))
  OR (@role = 'agent' AND (c.assignee_id = @agentId
        OR (c.assignee_id IS NULL AND c.team_id IN (SELECT value FROM json_each(@teamIds))))))`;

/** When the customer first wrote, and when an agent first answered them after that: the history's response time. */
const FIRST_TIMES = `(SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'customer') AS first_customer_at,
  (SELECT MIN(a.created_at) FROM messages a WHERE a.conversation_id = c.id AND a.author = 'agent' AND a.internal = 0
      AND a.created_at >= (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'customer')) AS first_answer_at`;

function scopeParams(tenantId: string, scope: Scope) {
  return { tenantId, role: scope.role, agentId: scope.agentId, teamIds: JSON.stringify(scope.teamIds) };
}

/** Resolved conversations of a tenant last changed (closed) before a time, with the history's first times. */
const CLOSED_BEFORE = `SELECT ${CONVERSATION_COLUMNS}, ${FIRST_TIMES}
   FROM conversations c JOIN customers cu ON cu.id = c.customer_id
  WHERE c.tenant_id = @tenantId AND c.status = 'resolved' AND c.updated_at < @closedBefore`;

type HistoryRow = ConversationRow & { first_customer_at: number | null; first_answer_at: number | null };
const historyEntry = (row: HistoryRow): HistoryEntry => ({ conversation: toConversation(row), firstCustomerAt: row.first_customer_at, firstAnswerAt: row.first_answer_at });

export function createConversationsStore(db: Database.Database): Synchronous<ConversationsRepository> {
  const sql = {
    insertCustomer: db.prepare(
      'INSERT INTO customers (id, tenant_id, name, language, market, created_at, vip) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market,
         created_at, updated_at, last_message_at, last_message_preview, labels, sla, sla_check_at, intent, upset, offer_agent_id, offer_expires_at)
       VALUES (@id, @tenant_id, @customer_id, @channel, @team_id, @assignee_id, @status, @language, @market,
         @created_at, @updated_at, @last_message_at, @last_message_preview, @labels, @sla, @sla_check_at, @intent, @upset, @offer_agent_id, @offer_expires_at)`,
    ),
    updateConversation: db.prepare(
      `UPDATE conversations SET team_id = @team_id, assignee_id = @assignee_id, status = @status, updated_at = @updated_at,
         last_message_at = @last_message_at, last_message_preview = @last_message_preview, labels = @labels,
         sla = @sla, sla_check_at = @sla_check_at, intent = @intent, upset = @upset,
         offer_agent_id = @offer_agent_id, offer_expires_at = @offer_expires_at
       WHERE id = @id`,
    ),
    listHistory: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS}, ${FIRST_TIMES}
         FROM conversations c JOIN customers cu ON cu.id = c.customer_id
        WHERE c.tenant_id = ? AND c.created_at >= ? AND c.created_at < ?
        ORDER BY c.created_at LIMIT 200000`,
    ),
    listClosedOfMarket: db.prepare(`${CLOSED_BEFORE} AND c.market = @market ORDER BY c.updated_at, c.id LIMIT @limit`),
    listClosedExcept: db.prepare(
      `${CLOSED_BEFORE} AND (c.market IS NULL OR c.market NOT IN (SELECT value FROM json_each(@except))) ORDER BY c.updated_at, c.id LIMIT @limit`,
    ),
    customerHolds: db.prepare('SELECT 1 FROM conversations WHERE tenant_id = ? AND customer_id = ? LIMIT 1').pluck(),
    // Few conversations are on offer: without being told, SQLite reads the tenant's whole table for them.
    listOffersLapsed: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c INDEXED BY conversations_offer_expiry JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = ? AND c.offer_expires_at IS NOT NULL AND c.offer_expires_at <= ? ORDER BY c.offer_expires_at LIMIT 500`,
    ),
    passedOver: db.prepare('SELECT passed_over FROM conversations WHERE id = ?').pluck(),
    passedOverOf: db.prepare("SELECT id, passed_over FROM conversations WHERE id IN (SELECT value FROM json_each(?)) AND passed_over <> '[]'"),
    setPassedOver: db.prepare('UPDATE conversations SET passed_over = ? WHERE id = ?'),
    listBreachedOpen: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = ? AND c.status <> 'resolved' AND c.sla IS NOT NULL
         AND json_array_length(json_extract(c.sla, '$.breached')) > 0
       ORDER BY c.updated_at DESC LIMIT 500`,
    ),
    listSlaDue: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = ? AND c.sla_check_at IS NOT NULL AND c.sla_check_at <= ? ORDER BY c.sla_check_at LIMIT 500`,
    ),
    findConversation: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = ? AND c.id = ?`,
    ),
    listQueued: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = ? AND c.assignee_id IS NULL AND c.status <> 'resolved'
         AND c.team_id IN (SELECT value FROM json_each(?))
       ORDER BY c.created_at, c.id`,
    ),
    // The team's waiting ones of one kind in the index's order, from `after` on.
    listQueuedByUrgency: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c INDEXED BY conversations_waiting JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = @tenantId AND c.team_id = @teamId AND ${WORK_KIND} = @kind AND c.assignee_id IS NULL AND c.status <> 'resolved'
         AND (c.queue_urgency, c.created_at) > (@urgency, @createdAt)
       ORDER BY c.queue_urgency, c.created_at, c.id LIMIT @limit`,
    ),
    // The same of one language, through the index that has the language after the kind.
    listQueuedByUrgencyInLanguage: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c INDEXED BY conversations_waiting_by_language JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = @tenantId AND c.team_id = @teamId AND ${WORK_KIND} = @kind AND ${PRIMARY_LANGUAGE.sqlite} = @language
         AND c.assignee_id IS NULL AND c.status <> 'resolved' AND (c.queue_urgency, c.created_at) > (@urgency, @createdAt)
       ORDER BY c.queue_urgency, c.created_at, c.id LIMIT @limit`,
    ),
    // Agent by agent through the (assignee_id, status) index: only what agents hold now is read, not their resolved history.
    countActive: db.prepare(
      `SELECT c.team_id AS teamId, c.channel AS channel, COUNT(*) AS count FROM conversations c INDEXED BY conversations_by_assignee
       WHERE c.assignee_id IN (SELECT id FROM agents WHERE tenant_id = @tenantId) AND c.status IN ('open', 'pending')
         AND c.tenant_id = @tenantId AND c.team_id IN (SELECT value FROM json_each(@teamIds))
       GROUP BY c.team_id, c.channel ORDER BY c.team_id, c.channel`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, author, author_id, author_name, body, client_message_id, created_at, internal,
         original_body, original_language, call, channel_delivery, attachments, pending_files)
       VALUES (@id, @tenant_id, @conversation_id, @author, @author_id, @author_name, @body, @client_message_id, @created_at, @internal,
         @original_body, @original_language, @call, @channel_delivery, @attachments, @pending_files)`,
    ),
    findMessage: db.prepare('SELECT * FROM messages WHERE id = ?'),
    // The newest `limit`, returned oldest first; rowid keeps insertion order within one millisecond.
    listMessages: db.prepare(
      `SELECT * FROM (SELECT *, rowid AS position FROM messages WHERE conversation_id = ?
         ORDER BY created_at DESC, position DESC LIMIT ?)
       ORDER BY created_at, position`,
    ),
    listPublicMessages: db.prepare(
      `SELECT * FROM (SELECT *, rowid AS position FROM messages WHERE conversation_id = ? AND internal = 0
         ORDER BY created_at DESC, position DESC LIMIT ?)
       ORDER BY created_at, position`,
    ),
    findProviderMessage: db.prepare(
      'SELECT message_id FROM provider_messages WHERE tenant_id = ? AND channel = ? AND provider_message_id = ?',
    ),
    insertProviderMessage: db.prepare(
      'INSERT INTO provider_messages (tenant_id, channel, provider_message_id, message_id) VALUES (?, ?, ?, ?)',
    ),
    insertVisitor: db.prepare(
      `INSERT INTO webchat_visitors (token_hash, tenant_id, customer_id, conversation_id, created_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    findVisitor: db.prepare('SELECT tenant_id, customer_id, conversation_id FROM webchat_visitors WHERE token_hash = ?'),
    touchVisitor: db.prepare('UPDATE webchat_visitors SET last_seen_at = ? WHERE token_hash = ?'),
    listOfCustomer: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = ? AND c.customer_id = ? ORDER BY c.id`,
    ),
    listVisible: db.prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id
       WHERE c.tenant_id = @tenantId AND ${VISIBLE_TO_SCOPE} AND (@after IS NULL OR c.id > @after)
       ORDER BY c.id LIMIT @limit`,
    ),
    countVisible: db
      .prepare(`SELECT COUNT(*) FROM conversations c WHERE c.tenant_id = @tenantId AND ${VISIBLE_TO_SCOPE}`)
      .pluck(),
    countMessages: db.prepare('SELECT COUNT(*) FROM messages WHERE conversation_id = ?').pluck(),
    deleteProviderMessages: db.prepare(
      'DELETE FROM provider_messages WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)',
    ),
    // A messaging app's contact and the replies still queued for it go with the conversation.
    deleteChannelSends: db.prepare('DELETE FROM channel_sends WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)'),
    deleteMediaFetches: db.prepare('DELETE FROM channel_media_fetches WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)'),
    deleteChannelContacts: db.prepare('DELETE FROM channel_contacts WHERE conversation_id = ?'),
    // An email conversation's mail originals and thread, likewise.
    deleteEmailOriginals: db.prepare('DELETE FROM email_originals WHERE conversation_id = ?'),
    deleteEmailReplies: db.prepare('DELETE FROM email_replies WHERE conversation_id = ?'),
    deleteEmailThread: db.prepare('DELETE FROM email_threads WHERE conversation_id = ?'),
    deleteMessages: db.prepare('DELETE FROM messages WHERE conversation_id = ?'),
    deleteVisitors: db.prepare('DELETE FROM webchat_visitors WHERE conversation_id = ?'),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE id = ?'),
    insertTombstone: db.prepare('INSERT OR IGNORE INTO erased_conversations (id, tenant_id, erased_at) VALUES (?, ?, ?)'),
    findTombstone: db.prepare('SELECT 1 FROM erased_conversations WHERE tenant_id = ? AND id = ?').pluck(),
    deleteCustomer: db.prepare('DELETE FROM customers WHERE tenant_id = ? AND id = ?'),
    insertErasure: db.prepare(
      'INSERT INTO erasures (tenant_id, customer_id, requested_by, at, conversations, messages) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };

  return {
    insertCustomer(tenantId: string, customer: Customer): void {
      sql.insertCustomer.run(customer.id, tenantId, customer.name, customer.language, customer.market, customer.createdAt, customer.vip ? 1 : 0);
    },
    insertConversation(tenantId: string, conversation: Conversation): void {
      sql.insertConversation.run({ ...conversationColumns(conversation), ...routingColumns(conversation), tenant_id: tenantId });
    },
    /** Writes what can change after creation; the customer and channel never do. */
    updateConversation(conversation: Conversation): void {
      sql.updateConversation.run({ ...conversationColumns(conversation), ...routingColumns(conversation) });
    },
    /** Conversations that came in [from, to), with when the customer first wrote and was first answered. */
    listHistory(tenantId: string, from: number, to: number): HistoryEntry[] {
      return (sql.listHistory.all(tenantId, from, to) as HistoryRow[]).map(historyEntry);
    },
    listClosedBefore(tenantId: string, markets: RetentionMarkets, closedBefore: number, limit: number): HistoryEntry[] {
      const rows = 'only' in markets
        ? sql.listClosedOfMarket.all({ tenantId, closedBefore, market: markets.only, limit })
        : sql.listClosedExcept.all({ tenantId, closedBefore, except: JSON.stringify(markets.except), limit });
      return (rows as HistoryRow[]).map(historyEntry);
    },
    deleteCustomerIfUnheld(tenantId: string, customerId: string): boolean {
      if (sql.customerHolds.get(tenantId, customerId) !== undefined) return false;
      return sql.deleteCustomer.run(tenantId, customerId).changes > 0;
    },
    /** The tenant's conversations whose offer lapsed by `at`. */
    listOffersLapsed(tenantId: string, at: number): Conversation[] {
      return (sql.listOffersLapsed.all(tenantId, at) as ConversationRow[]).map(toConversation);
    },
    /** Agents who let an offer of this conversation pass; not offered it again. */
    passedOver(conversationId: string): string[] {
      return JSON.parse((sql.passedOver.get(conversationId) as string | undefined) ?? '[]') as string[];
    },
    addPassedOver(conversationId: string, agentId: string): void {
      const passed = new Set(this.passedOver(conversationId)).add(agentId);
      sql.setPassedOver.run(JSON.stringify([...passed]), conversationId);
    },
    passedOverOf(conversationIds: readonly string[]): Map<string, string[]> {
      const rows = sql.passedOverOf.all(JSON.stringify(conversationIds)) as { id: string; passed_over: string }[];
      return new Map(rows.map((row) => [row.id, JSON.parse(row.passed_over) as string[]]));
    },
    /** Unresolved conversations that missed an SLA target, newest change first. */
    listBreachedOpen(tenantId: string): Conversation[] {
      return (sql.listBreachedOpen.all(tenantId) as ConversationRow[]).map(toConversation);
    },
    /** Open conversations with an SLA target falling due by `at`, soonest first. */
    listSlaDue(tenantId: string, at: number): Conversation[] {
      return (sql.listSlaDue.all(tenantId, at) as ConversationRow[]).map(toConversation);
    },
    findConversation(tenantId: string, id: string): Conversation | null {
      const row = sql.findConversation.get(tenantId, id) as ConversationRow | undefined;
      return row ? toConversation(row) : null;
    },
    /** Unassigned, unresolved conversations of these teams, oldest first. */
    listQueued(tenantId: string, teamIds: readonly string[]): Conversation[] {
      return (sql.listQueued.all(tenantId, JSON.stringify(teamIds)) as ConversationRow[]).map(toConversation);
    },
    listQueuedByUrgency(tenantId: string, teamId: string, kind: WorkKind, after: QueuePosition | null, limit: number, language?: string): Conversation[] {
      const from = after ?? { urgency: Number.MIN_SAFE_INTEGER, createdAt: Number.MIN_SAFE_INTEGER };
      const rows = language === undefined
        ? sql.listQueuedByUrgency.all({ tenantId, teamId, kind, ...from, limit })
        : sql.listQueuedByUrgencyInLanguage.all({ tenantId, teamId, kind, language, ...from, limit });
      return (rows as ConversationRow[]).map(toConversation);
    },
    countActive(tenantId: string, teamIds: readonly string[]): ActiveCount[] {
      return sql.countActive.all({ tenantId, teamIds: JSON.stringify(teamIds) }) as ActiveCount[];
    },
    insertMessage(tenantId: string, message: Message, clientMessageId: string | null): void {
      sql.insertMessage.run({ ...messageColumns(message), tenant_id: tenantId, client_message_id: clientMessageId });
    },
    findMessage(id: string): StoredMessage | null {
      const row = sql.findMessage.get(id) as MessageRow | undefined;
      return row ? toStoredMessage(row) : null;
    },
    /** The newest `limit` messages the customer sees (no internal notes), oldest first. */
    listPublicMessages(conversationId: string, limit: number): StoredMessage[] {
      return (sql.listPublicMessages.all(conversationId, limit) as MessageRow[]).map(toStoredMessage);
    },
    /** The newest `limit` messages of a conversation, oldest first. */
    listMessages(conversationId: string, limit: number): StoredMessage[] {
      return (sql.listMessages.all(conversationId, limit) as MessageRow[]).map(toStoredMessage);
    },
    findProviderMessage(tenantId: string, channel: Channel, providerMessageId: string): string | null {
      const row = sql.findProviderMessage.get(tenantId, channel, providerMessageId) as { message_id: string } | undefined;
      return row?.message_id ?? null;
    },
    insertProviderMessage(tenantId: string, channel: Channel, providerMessageId: string, messageId: string): void {
      sql.insertProviderMessage.run(tenantId, channel, providerMessageId, messageId);
    },
    insertVisitor(tokenHash: string, visitor: Visitor, at: number): void {
      sql.insertVisitor.run(tokenHash, visitor.tenantId, visitor.customerId, visitor.conversationId, at, at);
    },
    findVisitor(tokenHash: string): Visitor | null {
      const row = sql.findVisitor.get(tokenHash) as
        | { tenant_id: string; customer_id: string; conversation_id: string }
        | undefined;
      return row ? { tenantId: row.tenant_id, customerId: row.customer_id, conversationId: row.conversation_id } : null;
    },
    touchVisitor(tokenHash: string, at: number): void {
      sql.touchVisitor.run(at, tokenHash);
    },
    /** A page of what `scope` may see now, in id order after `after`. */
    listVisible(tenantId: string, scope: Scope, after: string | null, limit: number): Conversation[] {
      const rows = sql.listVisible.all({ ...scopeParams(tenantId, scope), after, limit }) as ConversationRow[];
      return rows.map(toConversation);
    },
    countVisible(tenantId: string, scope: Scope): number {
      return sql.countVisible.get(scopeParams(tenantId, scope)) as number;
    },
    listOfCustomer(tenantId: string, customerId: string): Conversation[] {
      return (sql.listOfCustomer.all(tenantId, customerId) as ConversationRow[]).map(toConversation);
    },
    /** Removes the conversation, its messages, chat visitors and messaging contact, leaving only its id; returns the message count. */
    eraseConversation(tenantId: string, conversationId: string, at: number): number {
      const messages = sql.countMessages.get(conversationId) as number;
      sql.deleteProviderMessages.run(conversationId);
      sql.deleteChannelSends.run(conversationId);
      sql.deleteMediaFetches.run(conversationId);
      sql.deleteChannelContacts.run(conversationId);
      sql.deleteEmailOriginals.run(conversationId);
      sql.deleteEmailReplies.run(conversationId);
      sql.deleteEmailThread.run(conversationId);
      sql.deleteMessages.run(conversationId);
      sql.deleteVisitors.run(conversationId);
      sql.deleteConversation.run(conversationId);
      sql.insertTombstone.run(conversationId, tenantId, at);
      return messages;
    },
    wasErased(tenantId: string, conversationId: string): boolean {
      return sql.findTombstone.get(tenantId, conversationId) !== undefined;
    },
    /** The customer row goes last, once nothing refers to it; the record of the request stays. */
    eraseCustomer(tenantId: string, customerId: string, erasure: ErasureRecord): void {
      sql.deleteCustomer.run(tenantId, customerId);
      sql.insertErasure.run(tenantId, customerId, erasure.requestedBy, erasure.at, erasure.conversations, erasure.messages);
    },
  };
}
