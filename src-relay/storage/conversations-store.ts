import type Database from 'better-sqlite3';
import type { Channel, Conversation, Message } from '../../src-shared/domain/model.js';

export interface Customer {
  id: string;
  name: string;
  language: string;
  market: string | null;
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

interface ConversationRow {
  id: string;
  customer_id: string;
  customer_name: string;
  channel: Channel;
  team_id: string;
  assignee_id: string | null;
  status: Conversation['status'];
  language: string;
  market: string | null;
  created_at: number;
  updated_at: number;
  last_message_at: number;
  last_message_preview: string;
}

interface MessageRow {
  id: string;
  tenant_id: string;
  conversation_id: string;
  author: Message['author'];
  author_id: string | null;
  author_name: string;
  body: string;
  client_message_id: string | null;
  created_at: number;
}

const CONVERSATION_COLUMNS = `c.id, c.customer_id, cu.name AS customer_name, c.channel, c.team_id, c.assignee_id, c.status,
  c.language, c.market, c.created_at, c.updated_at, c.last_message_at, c.last_message_preview`;

function toConversation(row: ConversationRow): Conversation {
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
  };
}

function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    tenantId: row.tenant_id,
    clientMessageId: row.client_message_id,
    message: {
      id: row.id,
      conversationId: row.conversation_id,
      author: row.author,
      authorId: row.author_id,
      authorName: row.author_name,
      body: row.body,
      createdAt: row.created_at,
    },
  };
}

export type ConversationsStore = ReturnType<typeof createConversationsStore>;

export function createConversationsStore(db: Database.Database) {
  const sql = {
    insertCustomer: db.prepare(
      'INSERT INTO customers (id, tenant_id, name, language, market, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market,
         created_at, updated_at, last_message_at, last_message_preview)
       VALUES (@id, @tenantId, @customerId, @channel, @teamId, @assigneeId, @status, @language, @market,
         @createdAt, @updatedAt, @lastMessageAt, @lastMessagePreview)`,
    ),
    updateConversation: db.prepare(
      `UPDATE conversations SET team_id = @teamId, assignee_id = @assigneeId, status = @status, updated_at = @updatedAt,
         last_message_at = @lastMessageAt, last_message_preview = @lastMessagePreview
       WHERE id = @id`,
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
    insertMessage: db.prepare(
      `INSERT INTO messages (id, tenant_id, conversation_id, author, author_id, author_name, body, client_message_id, created_at)
       VALUES (@id, @tenantId, @conversationId, @author, @authorId, @authorName, @body, @clientMessageId, @createdAt)`,
    ),
    findMessage: db.prepare('SELECT * FROM messages WHERE id = ?'),
    // The newest `limit`, returned oldest first; rowid keeps insertion order within one millisecond.
    listMessages: db.prepare(
      `SELECT * FROM (SELECT *, rowid AS position FROM messages WHERE conversation_id = ?
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
  };

  return {
    insertCustomer(tenantId: string, customer: Customer): void {
      sql.insertCustomer.run(customer.id, tenantId, customer.name, customer.language, customer.market, customer.createdAt);
    },
    insertConversation(tenantId: string, conversation: Conversation): void {
      const { customerName: _name, ...columns } = conversation;
      sql.insertConversation.run({ ...columns, tenantId });
    },
    /** Writes what can change after creation; the customer and channel never do. */
    updateConversation(conversation: Conversation): void {
      sql.updateConversation.run({
        id: conversation.id,
        teamId: conversation.teamId,
        assigneeId: conversation.assigneeId,
        status: conversation.status,
        updatedAt: conversation.updatedAt,
        lastMessageAt: conversation.lastMessageAt,
        lastMessagePreview: conversation.lastMessagePreview,
      });
    },
    findConversation(tenantId: string, id: string): Conversation | null {
      const row = sql.findConversation.get(tenantId, id) as ConversationRow | undefined;
      return row ? toConversation(row) : null;
    },
    /** Unassigned, unresolved conversations of these teams, oldest first. */
    listQueued(tenantId: string, teamIds: readonly string[]): Conversation[] {
      return (sql.listQueued.all(tenantId, JSON.stringify(teamIds)) as ConversationRow[]).map(toConversation);
    },
    insertMessage(tenantId: string, message: Message, clientMessageId: string | null): void {
      sql.insertMessage.run({ ...message, tenantId, clientMessageId });
    },
    findMessage(id: string): StoredMessage | null {
      const row = sql.findMessage.get(id) as MessageRow | undefined;
      return row ? toStoredMessage(row) : null;
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
  };
}
