import type { Conversation, SlaClock } from '../../../src-shared/domain/model.js';
import { nextCheckAt } from '../../../src-shared/domain/sla.js';
import { conversationColumns, conversationFromColumns, type ConversationColumns } from '../../../src-node/sqlite/conversation-row.js';
import { messageColumns, messageFromColumns } from '../../../src-node/sqlite/message-row.js';
import type { ActiveCount, ConversationsRepository, HistoryEntry, Scope, StoredMessage, Visitor } from '../port/conversations.js';
import { CONVERSATION_COLUMNS, PRIMARY_LANGUAGE, WORK_KIND, type MessageRow } from '../rows/conversation-rows.js';
import { rowsOf, type Query } from './query.js';

/** The SLA clock is jsonb here (queried into), so the driver hands it over parsed. */
interface ConversationRow extends Omit<ConversationColumns, 'sla'> {
  sla: SlaClock | null;
  intent: string | null;
  upset: 0 | 1;
  offer_agent_id: string | null;
  offer_expires_at: number | null;
}

const FROM_CONVERSATIONS = `SELECT ${CONVERSATION_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id`;

/** When the customer first wrote, and when an agent first answered them after that: the history's response time. */
const FIRST_TIMES = `(SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'customer') AS first_customer_at,
  (SELECT MIN(a.created_at) FROM messages a WHERE a.conversation_id = c.id AND a.author = 'agent' AND a.internal = 0
      AND a.created_at >= (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author = 'customer')) AS first_answer_at`;

type HistoryRow = ConversationRow & { first_customer_at: number | null; first_answer_at: number | null };
const historyEntry = (row: HistoryRow): HistoryEntry => ({ conversation: toConversation(row), firstCustomerAt: row.first_customer_at, firstAnswerAt: row.first_answer_at });

function toConversation(row: ConversationRow): Conversation {
  return {
    ...conversationFromColumns(row),
    sla: row.sla,
    intent: row.intent,
    upset: row.upset === 1,
    offer: row.offer_agent_id === null || row.offer_expires_at === null ? null : { agentId: row.offer_agent_id, expiresAt: row.offer_expires_at },
  };
}

/** Every column written on insert and update, in the order of WRITTEN_COLUMNS. */
function writtenValues(conversation: Conversation): unknown[] {
  const columns = conversationColumns(conversation);
  return [
    columns.id, columns.team_id, columns.assignee_id, columns.status, columns.updated_at, columns.last_message_at, columns.last_message_preview, columns.labels,
    columns.sla, nextCheckAt(conversation.sla), conversation.intent ?? null, conversation.upset ? 1 : 0, conversation.offer?.agentId ?? null, conversation.offer?.expiresAt ?? null,
  ];
}
const WRITTEN_COLUMNS = 'id, team_id, assignee_id, status, updated_at, last_message_at, last_message_preview, labels, sla, sla_check_at, intent, upset, offer_agent_id, offer_expires_at';

function toStoredMessage(row: MessageRow): StoredMessage {
  return { tenantId: row.tenant_id, clientMessageId: row.client_message_id, message: messageFromColumns(row) };
}

/** The same rule as SQLite's VISIBLE_TO_SCOPE, over $2 role, $3 agent and $4 teams. */
const VISIBLE_TO_SCOPE = `($2 = 'admin'
  OR ($2 = 'supervisor' AND c.team_id = ANY($4::text[]))
  OR ($2 = 'agent' AND (c.assignee_id = $3 OR (c.assignee_id IS NULL AND c.team_id = ANY($4::text[])))))`;

const scopeValues = (tenantId: string, scope: Scope) => [tenantId, scope.role, scope.agentId, [...scope.teamIds]];

/**
 * The newest `limit` messages, returned oldest first; `position` (the insertion order) stands for
 * SQLite's rowid within one millisecond.
 */
const newestMessages = (filter: string) =>
  `SELECT * FROM (SELECT * FROM messages WHERE conversation_id = $1${filter} ORDER BY created_at DESC, position DESC LIMIT $2) m ORDER BY created_at, position`;

/** The SQLite store's statements (storage/sqlite/conversations-store.ts) in PostgreSQL's words; text orders as bytes (COLLATE "C"). */
export function conversationsRepository(query: Query): ConversationsRepository {
  const conversations = async (sql: string, values: readonly unknown[]) => (await rowsOf<ConversationRow>(query, sql, values)).map(toConversation);
  const messages = async (sql: string, values: readonly unknown[]) => (await rowsOf<MessageRow>(query, sql, values)).map(toStoredMessage);
  const passedOver = async (conversationId: string) => {
    const [row] = await rowsOf<{ passed_over: string }>(query, 'SELECT passed_over FROM conversations WHERE id = $1', [conversationId]);
    return JSON.parse(row?.passed_over ?? '[]') as string[];
  };

  return {
    async insertCustomer(tenantId, customer) {
      await query('INSERT INTO customers (id, tenant_id, name, language, market, created_at, vip) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        customer.id, tenantId, customer.name, customer.language, customer.market, customer.createdAt, customer.vip ? 1 : 0,
      ]);
    },
    async insertConversation(tenantId, conversation) {
      const columns = conversationColumns(conversation);
      await query(
        `INSERT INTO conversations (${WRITTEN_COLUMNS}, tenant_id, customer_id, channel, language, market, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
        [...writtenValues(conversation), tenantId, columns.customer_id, columns.channel, columns.language, columns.market, columns.created_at],
      );
    },
    async updateConversation(conversation) {
      await query(
        `UPDATE conversations SET team_id = $2, assignee_id = $3, status = $4, updated_at = $5, last_message_at = $6, last_message_preview = $7,
           labels = $8, sla = $9, sla_check_at = $10, intent = $11, upset = $12, offer_agent_id = $13, offer_expires_at = $14
         WHERE id = $1`,
        writtenValues(conversation),
      );
    },
    async listHistory(tenantId, from, to) {
      const rows = await rowsOf<HistoryRow>(
        query,
        `SELECT ${CONVERSATION_COLUMNS}, ${FIRST_TIMES}
           FROM conversations c JOIN customers cu ON cu.id = c.customer_id
          WHERE c.tenant_id = $1 AND c.created_at >= $2 AND c.created_at < $3
          ORDER BY c.created_at LIMIT 200000`,
        [tenantId, from, to],
      );
      return rows.map(historyEntry);
    },
    async listClosedBefore(tenantId, markets, closedBefore, limit) {
      const [filter, market] = 'only' in markets ? ['c.market = $3', markets.only] : ['(c.market IS NULL OR NOT (c.market = ANY($3::text[])))', [...markets.except]];
      const rows = await rowsOf<HistoryRow>(
        query,
        `SELECT ${CONVERSATION_COLUMNS}, ${FIRST_TIMES}
           FROM conversations c JOIN customers cu ON cu.id = c.customer_id
          WHERE c.tenant_id = $1 AND c.status = 'resolved' AND c.updated_at < $2 AND ${filter}
          ORDER BY c.updated_at, c.id COLLATE "C" LIMIT $4`,
        [tenantId, closedBefore, market, limit],
      );
      return rows.map(historyEntry);
    },
    async deleteCustomerIfUnheld(tenantId, customerId) {
      const deleted = await query(
        'DELETE FROM customers cu WHERE cu.tenant_id = $1 AND cu.id = $2 AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.tenant_id = $1 AND c.customer_id = $2)',
        [tenantId, customerId],
      );
      return (deleted.rowCount ?? 0) > 0;
    },
    listOffersLapsed: (tenantId, at) =>
      conversations(`${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND c.offer_expires_at IS NOT NULL AND c.offer_expires_at <= $2 ORDER BY c.offer_expires_at LIMIT 500`, [tenantId, at]),
    passedOver,
    async addPassedOver(conversationId, agentId) {
      const passed = new Set(await passedOver(conversationId)).add(agentId);
      await query('UPDATE conversations SET passed_over = $1 WHERE id = $2', [JSON.stringify([...passed]), conversationId]);
    },
    async passedOverOf(conversationIds) {
      const rows = await rowsOf<{ id: string; passed_over: string }>(
        query,
        "SELECT id, passed_over FROM conversations WHERE id = ANY($1::text[]) AND passed_over <> '[]'",
        [[...conversationIds]],
      );
      return new Map(rows.map((row) => [row.id, JSON.parse(row.passed_over) as string[]]));
    },
    listBreachedOpen: (tenantId) =>
      conversations(
        `${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND c.status <> 'resolved' AND c.sla IS NOT NULL
           AND CASE WHEN jsonb_typeof(c.sla -> 'breached') = 'array' THEN jsonb_array_length(c.sla -> 'breached') ELSE 0 END > 0
         ORDER BY c.updated_at DESC LIMIT 500`,
        [tenantId],
      ),
    listSlaDue: (tenantId, at) =>
      conversations(`${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND c.sla_check_at IS NOT NULL AND c.sla_check_at <= $2 ORDER BY c.sla_check_at LIMIT 500`, [tenantId, at]),
    async findConversation(tenantId, id) {
      return (await conversations(`${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, id]))[0] ?? null;
    },
    listQueued: (tenantId, teamIds) =>
      conversations(
        `${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND c.assignee_id IS NULL AND c.status <> 'resolved' AND c.team_id = ANY($2::text[])
         ORDER BY c.created_at, c.id COLLATE "C"`,
        [tenantId, [...teamIds]],
      ),
    // The team's waiting ones in the order of their index (conversations_waiting, or with a
    // language conversations_waiting_by_language), from `after` on.
    listQueuedByUrgency: (tenantId, teamId, kind, after, limit, language) =>
      conversations(
        `${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND c.team_id = $2 AND ${WORK_KIND} = $3 AND c.assignee_id IS NULL AND c.status <> 'resolved'
           AND (c.queue_urgency, c.created_at) > ($4::bigint, $5::bigint)${language === undefined ? '' : ` AND ${PRIMARY_LANGUAGE.postgres} = $7`}
         ORDER BY c.queue_urgency, c.created_at, c.id COLLATE "C" LIMIT $6`,
        [tenantId, teamId, kind, after?.urgency ?? Number.MIN_SAFE_INTEGER, after?.createdAt ?? Number.MIN_SAFE_INTEGER, limit, ...(language === undefined ? [] : [language])],
      ),
    // Agent by agent, so that the (assignee_id, status) index reads only what agents hold now, not their resolved history.
    countActive: (tenantId, teamIds) =>
      rowsOf<ActiveCount>(
        query,
        `SELECT c.team_id AS "teamId", c.channel AS channel, COUNT(*)::int AS count FROM conversations c
         WHERE c.assignee_id IN (SELECT id FROM agents WHERE tenant_id = $1) AND c.status IN ('open', 'pending')
           AND c.tenant_id = $1 AND c.team_id = ANY($2::text[])
         GROUP BY c.team_id, c.channel ORDER BY c.team_id COLLATE "C", c.channel COLLATE "C"`,
        [tenantId, [...teamIds]],
      ),
    async insertMessage(tenantId, message, clientMessageId) {
      const m = messageColumns(message);
      await query(
        `INSERT INTO messages (id, tenant_id, conversation_id, author, author_id, author_name, body, client_message_id, created_at, internal,
           original_body, original_language, call, channel_delivery, attachments, pending_files)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [m.id, tenantId, m.conversation_id, m.author, m.author_id, m.author_name, m.body, clientMessageId, m.created_at, m.internal, m.original_body, m.original_language, m.call, m.channel_delivery, m.attachments, m.pending_files],
      );
    },
    async findMessage(id) {
      return (await messages('SELECT * FROM messages WHERE id = $1', [id]))[0] ?? null;
    },
    listPublicMessages: (conversationId, limit) => messages(newestMessages(' AND internal = 0'), [conversationId, limit]),
    listMessages: (conversationId, limit) => messages(newestMessages(''), [conversationId, limit]),
    async findProviderMessage(tenantId, channel, providerMessageId) {
      const [row] = await rowsOf<{ message_id: string }>(
        query,
        'SELECT message_id FROM provider_messages WHERE tenant_id = $1 AND channel = $2 AND provider_message_id = $3',
        [tenantId, channel, providerMessageId],
      );
      return row?.message_id ?? null;
    },
    async insertProviderMessage(tenantId, channel, providerMessageId, messageId) {
      await query('INSERT INTO provider_messages (tenant_id, channel, provider_message_id, message_id) VALUES ($1, $2, $3, $4)', [tenantId, channel, providerMessageId, messageId]);
    },
    async insertVisitor(tokenHash, visitor: Visitor, at) {
      await query(
        `INSERT INTO webchat_visitors (token_hash, tenant_id, customer_id, conversation_id, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $5)`,
        [tokenHash, visitor.tenantId, visitor.customerId, visitor.conversationId, at],
      );
    },
    async findVisitor(tokenHash) {
      const [row] = await rowsOf<{ tenant_id: string; customer_id: string; conversation_id: string }>(
        query,
        'SELECT tenant_id, customer_id, conversation_id FROM webchat_visitors WHERE token_hash = $1',
        [tokenHash],
      );
      return row ? { tenantId: row.tenant_id, customerId: row.customer_id, conversationId: row.conversation_id } : null;
    },
    async touchVisitor(tokenHash, at) {
      await query('UPDATE webchat_visitors SET last_seen_at = $1 WHERE token_hash = $2', [at, tokenHash]);
    },
    listVisible: (tenantId, scope, after, limit) =>
      conversations(
        `${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND ${VISIBLE_TO_SCOPE} AND ($5::text IS NULL OR c.id COLLATE "C" > $5)
         ORDER BY c.id COLLATE "C" LIMIT $6`,
        [...scopeValues(tenantId, scope), after, limit],
      ),
    async countVisible(tenantId, scope) {
      const [row] = await rowsOf<{ n: number }>(query, `SELECT COUNT(*) AS n FROM conversations c WHERE c.tenant_id = $1 AND ${VISIBLE_TO_SCOPE}`, scopeValues(tenantId, scope));
      return row?.n ?? 0;
    },
    listOfCustomer: (tenantId, customerId) => conversations(`${FROM_CONVERSATIONS} WHERE c.tenant_id = $1 AND c.customer_id = $2 ORDER BY c.id COLLATE "C"`, [tenantId, customerId]),
    async eraseConversation(tenantId, conversationId, at) {
      const [counted] = await rowsOf<{ n: number }>(query, 'SELECT COUNT(*) AS n FROM messages WHERE conversation_id = $1', [conversationId]);
      await query('DELETE FROM provider_messages WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = $1)', [conversationId]);
      // A messaging app's contact and the replies still queued for it go with the conversation.
      await query('DELETE FROM channel_sends WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = $1)', [conversationId]);
      await query('DELETE FROM channel_media_fetches WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = $1)', [conversationId]);
      await query('DELETE FROM channel_contacts WHERE conversation_id = $1', [conversationId]);
      await query('DELETE FROM email_originals WHERE conversation_id = $1', [conversationId]);
      await query('DELETE FROM email_replies WHERE conversation_id = $1', [conversationId]);
      await query('DELETE FROM email_threads WHERE conversation_id = $1', [conversationId]);
      await query('DELETE FROM messages WHERE conversation_id = $1', [conversationId]);
      await query('DELETE FROM webchat_visitors WHERE conversation_id = $1', [conversationId]);
      await query('DELETE FROM conversations WHERE id = $1', [conversationId]);
      await query('INSERT INTO erased_conversations (id, tenant_id, erased_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [conversationId, tenantId, at]);
      return counted?.n ?? 0;
    },
    async wasErased(tenantId, conversationId) {
      return (await query('SELECT 1 FROM erased_conversations WHERE tenant_id = $1 AND id = $2', [tenantId, conversationId])).rowCount !== 0;
    },
    async eraseCustomer(tenantId, customerId, erasure) {
      await query('DELETE FROM customers WHERE tenant_id = $1 AND id = $2', [tenantId, customerId]);
      await query('INSERT INTO erasures (tenant_id, customer_id, requested_by, at, conversations, messages) VALUES ($1, $2, $3, $4, $5, $6)', [
        tenantId, customerId, erasure.requestedBy, erasure.at, erasure.conversations, erasure.messages,
      ]);
    },
  };
}
