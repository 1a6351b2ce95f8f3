import type { OutboundThread } from '../channels/port/channel-adapter.js';
import type { ChannelSend } from '../storage/port/channels.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';

/**
 * The thread an agent's reply carries on: the conversation's subject and reply token, and the
 * customer's latest mail as In-Reply-To with its References after (RFC 5322 3.6.4), so the
 * customer's client shows the reply in the same thread.
 */
export async function emailThreadOf(store: RelayRepositories, send: ChannelSend): Promise<OutboundThread | null> {
  const stored = await store.conversations.findMessage(send.messageId);
  if (!stored) return null;
  const thread = await store.email.findThread(stored.message.conversationId);
  if (!thread) return null;
  const latest = await store.email.latestCustomerMail(thread.conversationId);
  const inReplyTo = latest?.headerMessageId ?? null;
  const references = latest ? [...latest.references, ...(inReplyTo ? [inReplyTo] : [])] : [];
  return { subject: thread.subject, inReplyTo, references: references.slice(-20), replyToken: thread.replyToken };
}
