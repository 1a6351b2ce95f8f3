import type { EmailReply } from '../../src-shared/domain/email-reply.js';
import type { Conversation, MessageAttachment } from '../../src-shared/domain/model.js';
import type { ChangeSet } from '../log/change-set.js';
import type { Refusal } from '../relay-rule.js';
import type { ChannelRoute } from './channel-replies.js';

/**
 * An agent's email reply checked before anything is written: subject, CC, BCC and forwarding are
 * for email conversations only; a new mail (a thread with no mail of the customer's yet) needs a subject; a forwarded message has to be a message of this very conversation
 * (the same refusal whether it exists elsewhere or not), and its files go along with it.
 */
export type EmailReplyCheck = { ok: true; forwardedFiles: MessageAttachment[] } | { ok: false; refusal: Refusal };

export async function checkEmailReply(changes: ChangeSet, conversation: Conversation, email: EmailReply | undefined): Promise<EmailReplyCheck> {
  if (conversation.channel === 'email' && !email?.subject && !email?.forward && (await startsNewMail(changes, conversation))) {
    return { ok: false, refusal: { code: 'invalid', message: 'A new mail needs a subject: enter one above the text.' } };
  }
  if (!email) return { ok: true, forwardedFiles: [] };
  if (conversation.channel !== 'email') return { ok: false, refusal: { code: 'invalid', message: 'A subject, CC, BCC and forwarding are for email conversations only.' } };
  if (!email.forward) return { ok: true, forwardedFiles: [] };
  const forwarded = await changes.store.conversations.findMessage(email.forward.messageId);
  if (!forwarded || forwarded.message.conversationId !== conversation.id || forwarded.message.internal) {
    return { ok: false, refusal: { code: 'not_found', message: 'The message to forward is not in this conversation.' } };
  }
  return { ok: true, forwardedFiles: forwarded.message.attachments ?? [] };
}

/** An email thread without a mail of the customer's to answer: the reply is the first mail of it. */
async function startsNewMail(changes: ChangeSet, conversation: Conversation): Promise<boolean> {
  const thread = await changes.store.email.findThread(conversation.id);
  return thread !== null && (await changes.store.email.latestCustomerMail(conversation.id)) === null;
}

/** A forward goes to the address the agent entered, through the same mailbox; a reply to the thread's customer. */
export function routeOfEmailReply(route: ChannelRoute, email: EmailReply | undefined): ChannelRoute {
  return email?.forward ? { ...route, recipient: email.forward.to } : route;
}

/** The agent's files and the forwarded message's, each once. */
export function withForwardedFiles(own: readonly MessageAttachment[], forwarded: readonly MessageAttachment[]): MessageAttachment[] {
  const ids = new Set(own.map((file) => file.fileId));
  return [...own, ...forwarded.filter((file) => !ids.has(file.fileId))];
}

/** Kept with the stored reply, for the mail as it goes out (src-relay/email/outbound-thread.ts). */
export async function storeEmailReply(changes: ChangeSet, messageId: string, conversationId: string, email: EmailReply | undefined): Promise<void> {
  if (email) await changes.store.email.insertReply({ messageId, tenantId: changes.tenantId, conversationId, reply: email });
}
