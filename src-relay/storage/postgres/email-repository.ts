import type { EmailOriginal, EmailRepository, EmailThread } from '../port/email.js';
import { emailReplyOf, originalOf, tagOf } from '../sqlite/email-store.js';
import { rowsOf, type Query } from './query.js';

const THREAD_COLUMNS = `conversation_id AS "conversationId", tenant_id AS "tenantId", account_id AS "accountId",
  customer_address AS "customerAddress", subject, reply_token AS "replyToken"`;
const ORIGINAL_COLUMNS = `message_id AS "messageId", tenant_id AS "tenantId", conversation_id AS "conversationId", account_id AS "accountId",
  header_message_id AS "headerMessageId", refs, kind, from_address AS "fromAddress", subject, text, html, received_at AS "receivedAt"`;

type OriginalRow = Omit<EmailOriginal, 'references'> & { refs: string };

/** Email threads and the originals of received mail. */
export function emailRepository(query: Query): EmailRepository {
  const first = async <Row extends object>(text: string, values: readonly unknown[]) => (await rowsOf<Row>(query, text, values))[0] ?? null;
  const original = async (text: string, values: readonly unknown[]) => {
    const row = await first<OriginalRow>(text, values);
    return row ? originalOf(row) : null;
  };
  return {
    async insertThread(thread) {
      await query(
        `INSERT INTO email_threads (conversation_id, tenant_id, account_id, customer_address, subject, reply_token, tag) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [thread.conversationId, thread.tenantId, thread.accountId, thread.customerAddress, thread.subject, thread.replyToken, tagOf(thread.replyToken)],
      );
    },
    findThread: (conversationId) => first<EmailThread>(`SELECT ${THREAD_COLUMNS} FROM email_threads WHERE conversation_id = $1`, [conversationId]),
    findThreadByToken: (tenantId, token) => first<EmailThread>(`SELECT ${THREAD_COLUMNS} FROM email_threads WHERE tenant_id = $1 AND reply_token = $2`, [tenantId, token]),
    findThreadByTag: (accountId, tag) => first<EmailThread>(`SELECT ${THREAD_COLUMNS} FROM email_threads WHERE account_id = $1 AND tag = $2`, [accountId, tag.toUpperCase()]),
    async insertOriginal(mail) {
      await query(
        `INSERT INTO email_originals (message_id, tenant_id, conversation_id, account_id, header_message_id, refs, kind, from_address, subject, text, html, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [mail.messageId, mail.tenantId, mail.conversationId, mail.accountId, mail.headerMessageId, JSON.stringify(mail.references), mail.kind, mail.fromAddress, mail.subject, mail.text, mail.html, mail.receivedAt],
      );
    },
    findOriginal: (messageId) => original(`SELECT ${ORIGINAL_COLUMNS} FROM email_originals WHERE message_id = $1`, [messageId]),
    findByHeaderMessageId: (tenantId, header) =>
      first<{ messageId: string; conversationId: string }>(
        'SELECT message_id AS "messageId", conversation_id AS "conversationId" FROM email_originals WHERE tenant_id = $1 AND header_message_id = $2 ORDER BY received_at LIMIT 1',
        [tenantId, header],
      ),
    async insertReply({ messageId, tenantId, conversationId, reply }) {
      await query('INSERT INTO email_replies (message_id, tenant_id, conversation_id, reply) VALUES ($1, $2, $3, $4)', [messageId, tenantId, conversationId, JSON.stringify(reply)]);
    },
    findReply: async (messageId) => emailReplyOf((await first<{ reply: string }>('SELECT reply FROM email_replies WHERE message_id = $1', [messageId]))?.reply),
    latestCustomerMail: (conversationId) =>
      original(`SELECT ${ORIGINAL_COLUMNS} FROM email_originals WHERE conversation_id = $1 AND kind = 'customer' ORDER BY received_at DESC, message_id COLLATE "C" DESC LIMIT 1`, [conversationId]),
  };
}
