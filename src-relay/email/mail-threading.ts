import { ourMessageIdIn, replyTokenIn, subjectTagIn } from '../channels/email/email-identifiers.js';
import type { ChangeSet } from '../log/change-set.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import type { InboundMail } from './parse-mail.js';

export type ThreadedBy = 'headers' | 'reply-address' | 'subject-tag';

/**
 * The conversation a mail answers, by what it carries, strongest first:
 * 1. In-Reply-To and References, against the Message-IDs we sent (ours name our message) and received;
 * 2. our reply address with the conversation's token (support+<token>@…), for clients that drop those headers;
 * 3. the conversation's tag in the subject ("[#K7Q2MXAB]").
 * Never the subject alone: two customers' "Invoice" mails are not one conversation.
 */
export async function conversationOfMail(changes: ChangeSet, account: ChannelAccount, mailbox: string, mail: InboundMail): Promise<{ conversationId: string; by: ThreadedBy } | null> {
  const ids = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...[...mail.references].reverse()];
  for (const id of ids) {
    const conversationId = await conversationOfMessageId(changes, id);
    if (conversationId) return { conversationId, by: 'headers' };
  }
  const token = replyTokenIn(mailbox, mail.recipients);
  const byToken = token ? await changes.store.email.findThreadByToken(changes.tenantId, token) : null;
  if (byToken && (await isConversation(changes, byToken.conversationId))) return { conversationId: byToken.conversationId, by: 'reply-address' };
  const tag = subjectTagIn(mail.subject);
  const byTag = tag ? await changes.store.email.findThreadByTag(account.id, tag) : null;
  if (byTag && (await isConversation(changes, byTag.conversationId))) return { conversationId: byTag.conversationId, by: 'subject-tag' };
  return null;
}

/** The tenant's email conversation holding the mail with this Message-ID, ours or the customer's. */
async function conversationOfMessageId(changes: ChangeSet, id: string): Promise<string | null> {
  const ours = ourMessageIdIn(id);
  if (ours) {
    const stored = await changes.store.conversations.findMessage(ours);
    if (stored && (await isConversation(changes, stored.message.conversationId))) return stored.message.conversationId;
  }
  const received = await changes.store.email.findByHeaderMessageId(changes.tenantId, id);
  return received && (await isConversation(changes, received.conversationId)) ? received.conversationId : null;
}

/** Only the tenant's own email conversations: a Message-ID naming another tenant's message finds nothing. */
async function isConversation(changes: ChangeSet, conversationId: string): Promise<boolean> {
  const conversation = await changes.store.conversations.findConversation(changes.tenantId, conversationId);
  return conversation?.channel === 'email';
}
