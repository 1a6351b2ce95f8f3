import type Database from 'better-sqlite3';
import { EmailReply } from '../../../src-shared/domain/email-reply.js';
import type { EmailOriginal, EmailRepository, EmailThread } from '../port/email.js';
import type { Synchronous } from './synchronous.js';

const THREAD_COLUMNS = `conversation_id AS conversationId, tenant_id AS tenantId, account_id AS accountId,
  customer_address AS customerAddress, subject, reply_token AS replyToken`;
const ORIGINAL_COLUMNS = `message_id AS messageId, tenant_id AS tenantId, conversation_id AS conversationId, account_id AS accountId,
  header_message_id AS headerMessageId, refs, kind, from_address AS fromAddress, subject, text, html, received_at AS receivedAt`;

type OriginalRow = Omit<EmailOriginal, 'references'> & { refs: string };

/** Email threads and the originals of received mail. */
export function createEmailStore(db: Database.Database): Synchronous<EmailRepository> {
  const sql = {
    insertThread: db.prepare(
      `INSERT INTO email_threads (conversation_id, tenant_id, account_id, customer_address, subject, reply_token, tag)
       VALUES (@conversationId, @tenantId, @accountId, @customerAddress, @subject, @replyToken, @tag)`,
    ),
    findThread: db.prepare(`SELECT ${THREAD_COLUMNS} FROM email_threads WHERE conversation_id = ?`),
    findByToken: db.prepare(`SELECT ${THREAD_COLUMNS} FROM email_threads WHERE tenant_id = ? AND reply_token = ?`),
    findByTag: db.prepare(`SELECT ${THREAD_COLUMNS} FROM email_threads WHERE account_id = ? AND tag = ?`),
    insertOriginal: db.prepare(
      `INSERT INTO email_originals (message_id, tenant_id, conversation_id, account_id, header_message_id, refs, kind, from_address, subject, text, html, received_at)
       VALUES (@messageId, @tenantId, @conversationId, @accountId, @headerMessageId, @refs, @kind, @fromAddress, @subject, @text, @html, @receivedAt)`,
    ),
    findOriginal: db.prepare(`SELECT ${ORIGINAL_COLUMNS} FROM email_originals WHERE message_id = ?`),
    findByHeader: db.prepare(
      'SELECT message_id AS messageId, conversation_id AS conversationId FROM email_originals WHERE tenant_id = ? AND header_message_id = ? ORDER BY received_at LIMIT 1',
    ),
    insertReply: db.prepare('INSERT INTO email_replies (message_id, tenant_id, conversation_id, reply) VALUES (?, ?, ?, ?)'),
    findReply: db.prepare<[string], { reply: string }>('SELECT reply FROM email_replies WHERE message_id = ?'),
    latestCustomerMail: db.prepare(
      `SELECT ${ORIGINAL_COLUMNS} FROM email_originals WHERE conversation_id = ? AND kind = 'customer' ORDER BY received_at DESC, rowid DESC LIMIT 1`,
    ),
  };
  const thread = (row: unknown) => (row as EmailThread | undefined) ?? null;
  const original = (row: unknown) => (row ? originalOf(row as OriginalRow) : null);
  return {
    insertThread(emailThread: EmailThread): void {
      sql.insertThread.run({ ...emailThread, tag: tagOf(emailThread.replyToken) });
    },
    findThread: (conversationId: string) => thread(sql.findThread.get(conversationId)),
    findThreadByToken: (tenantId: string, replyToken: string) => thread(sql.findByToken.get(tenantId, replyToken)),
    findThreadByTag: (accountId: string, tag: string) => thread(sql.findByTag.get(accountId, tag.toUpperCase())),
    insertOriginal(mail: EmailOriginal): void {
      const { references, ...rest } = mail;
      sql.insertOriginal.run({ ...rest, refs: JSON.stringify(references) });
    },
    findOriginal: (messageId: string) => original(sql.findOriginal.get(messageId)),
    findByHeaderMessageId: (tenantId: string, header: string) =>
      (sql.findByHeader.get(tenantId, header) as { messageId: string; conversationId: string } | undefined) ?? null,
    latestCustomerMail: (conversationId: string) => original(sql.latestCustomerMail.get(conversationId)),
    insertReply({ messageId, tenantId, conversationId, reply }) {
      sql.insertReply.run(messageId, tenantId, conversationId, JSON.stringify(reply));
    },
    findReply: (messageId: string) => emailReplyOf(sql.findReply.get(messageId)?.reply),
  };
}

/** The subject tag a token gives: its first 8 characters, upper case. */
export function tagOf(replyToken: string): string {
  return replyToken.slice(0, 8).toUpperCase();
}

/** A stored reply's fields, checked again: a value this release cannot read counts as none. */
export function emailReplyOf(stored: string | undefined): EmailReply | null {
  if (stored === undefined) return null;
  try {
    const parsed = EmailReply.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function originalOf(row: OriginalRow): EmailOriginal {
  const { refs, ...rest } = row;
  return { ...rest, references: JSON.parse(refs) as string[] };
}
