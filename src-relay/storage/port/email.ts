import type { EmailReply } from '../../../src-shared/domain/email-reply.js';

/**
 * What the relay keeps of email beyond the message the agent reads: each email conversation's
 * thread (subject, reply token, whom to answer), and each mail's original (its Message-ID and
 * References for threading, the full text and sanitized HTML behind "Show original").
 */

/** An email conversation: the mailbox it came through, whom replies go to, its subject and reply token. */
export interface EmailThread {
  conversationId: string;
  tenantId: string;
  accountId: string;
  /** The customer's address, lower case: replies go there. */
  customerAddress: string;
  /** The subject as the first mail had it, without "Re:". */
  subject: string;
  /** Random, lower case letters and digits: <local>+<token>@<domain> and, upper case, its first 8 as the subject tag "[#TAG]". */
  replyToken: string;
}

export type EmailMessageKind = 'customer' | 'auto-reply';

/** A mail as it arrived: the original behind the new part the message shows. */
export interface EmailOriginal {
  /** The message it was stored as. */
  messageId: string;
  tenantId: string;
  conversationId: string;
  accountId: string;
  /** Its Message-ID with angle brackets; null when it had none. */
  headerMessageId: string | null;
  /** Its References (and In-Reply-To when not among them), oldest first: what our answer carries on. */
  references: string[];
  kind: EmailMessageKind;
  fromAddress: string;
  subject: string;
  /** The full text, quoted history and signature included. */
  text: string;
  /** The HTML as the relay sanitized it (src-relay/email/mail-html.ts); null for a plain-text mail. */
  html: string | null;
  receivedAt: number;
}

export interface EmailRepository {
  insertThread(thread: EmailThread): Promise<void>;
  findThread(conversationId: string): Promise<EmailThread | null>;
  findThreadByToken(tenantId: string, replyToken: string): Promise<EmailThread | null>;
  /** The thread whose token starts with the subject tag's 8 characters, within one mailbox (the tag is short). */
  findThreadByTag(accountId: string, tag: string): Promise<EmailThread | null>;
  insertOriginal(original: EmailOriginal): Promise<void>;
  findOriginal(messageId: string): Promise<EmailOriginal | null>;
  /** The message and conversation a mail we received carries this Message-ID. */
  findByHeaderMessageId(tenantId: string, headerMessageId: string): Promise<{ messageId: string; conversationId: string } | null>;
  /** The conversation's newest mail from the customer (not an auto-reply): what a reply answers. */
  latestCustomerMail(conversationId: string): Promise<EmailOriginal | null>;
  /** What an agent's reply carries besides its text (subject, CC, BCC, quote, forward), stored with the reply. */
  insertReply(reply: { messageId: string; tenantId: string; conversationId: string; reply: EmailReply }): Promise<void>;
  /** Those fields of a reply; null for a reply without any (or one this release cannot read). */
  findReply(messageId: string): Promise<EmailReply | null>;
}
