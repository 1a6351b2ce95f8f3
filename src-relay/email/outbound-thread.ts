import type { EmailReply } from '../../src-shared/domain/email-reply.js';
import type { OutboundThread, QuotedMail } from '../channels/port/channel-adapter.js';
import type { ChannelSend } from '../storage/port/channels.js';
import type { EmailOriginal, EmailThread } from '../storage/port/email.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';

/**
 * The thread an agent's reply carries on: the conversation's subject and reply token, and the
 * customer's latest mail as In-Reply-To with its References after (RFC 5322 3.6.4), so the
 * customer's client shows the reply in the same thread; with what the agent set in the composer
 * (subject, CC, BCC), the customer's last mail when it is quoted, and the message a forward carries.
 */
export async function emailThreadOf(store: RelayRepositories, send: ChannelSend): Promise<OutboundThread | null> {
  const stored = await store.conversations.findMessage(send.messageId);
  if (!stored) return null;
  const thread = await store.email.findThread(stored.message.conversationId);
  if (!thread) return null;
  const conversation = await store.conversations.findConversation(thread.tenantId, thread.conversationId);
  const fields = await store.email.findReply(send.messageId);
  const latest = await store.email.latestCustomerMail(thread.conversationId);
  const inReplyTo = latest?.headerMessageId ?? null;
  const references = latest ? [...latest.references, ...(inReplyTo ? [inReplyTo] : [])] : [];
  const customerName = conversation?.customerName ?? thread.customerAddress;
  return {
    subject: thread.subject,
    inReplyTo,
    references: references.slice(-20),
    replyToken: thread.replyToken,
    language: conversation?.language ?? 'en',
    fields,
    quoted: fields?.quote && latest ? quotedMail(latest, customerName) : null,
    forwarded: fields?.forward ? await forwardedMail(store, fields.forward, thread, customerName) : null,
  };
}

function quotedMail(mail: EmailOriginal, customerName: string): QuotedMail {
  const from = customerName && customerName !== mail.fromAddress ? `${customerName} <${mail.fromAddress}>` : mail.fromAddress;
  return { from, subject: mail.subject, at: mail.receivedAt, text: mail.text };
}

/** The mail as the customer sent it (its whole text), or an agent's message of the thread as it went out. */
async function forwardedMail(store: RelayRepositories, forward: NonNullable<EmailReply['forward']>, thread: EmailThread, customerName: string): Promise<QuotedMail | null> {
  const original = await store.email.findOriginal(forward.messageId);
  if (original) return quotedMail(original, customerName);
  const message = await store.conversations.findMessage(forward.messageId);
  if (!message) return null;
  const { authorName, body, createdAt } = message.message;
  return { from: authorName, subject: thread.subject, at: createdAt, text: body };
}
