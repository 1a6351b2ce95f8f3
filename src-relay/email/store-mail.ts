import { randomUUID } from 'node:crypto';
import { previewOf, type Conversation, type Message } from '../../src-shared/domain/model.js';
import { wellFormed } from '../../src-shared/domain/text.js';
import { afterCustomerMessage } from '../conversations/customer-chat.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import type { EmailMessageKind } from '../storage/port/email.js';
import { sanitizeMailHtml } from './mail-html.js';
import { newPartOf } from './new-part.js';
import type { InboundMail } from './parse-mail.js';

/** One mail to store: the message the agent reads (the new part), and its original beside it. */
export interface MailToStore {
  account: ChannelAccount;
  mail: InboundMail & { from: NonNullable<InboundMail['from']> };
  kind: EmailMessageKind;
  conversation: Conversation;
}

/**
 * Adds the mail to its conversation. A person's mail reopens a pending or resolved conversation
 * (afterCustomerMessage, as on every channel); an auto-reply is only recorded: it neither reopens
 * the conversation nor moves its SLA, so an out-of-office does not put a solved case back in a queue.
 */
export async function storeMail(core: RelayCore, changes: ChangeSet, { account, mail, kind, conversation }: MailToStore): Promise<Message> {
  const body = wellFormed(newPartOf(mail.text) || mail.subject || '(empty mail)');
  const message: Message = {
    id: randomUUID(),
    conversationId: conversation.id,
    author: 'customer',
    authorId: conversation.customerId,
    authorName: conversation.customerName,
    body,
    createdAt: changes.at,
    internal: false,
    original: null,
  };
  const next =
    kind === 'customer'
      ? await afterCustomerMessage(core, changes, conversation, message)
      : { ...conversation, lastMessageAt: message.createdAt, lastMessagePreview: previewOf(body), updatedAt: changes.at };
  await changes.changeConversation(conversation, next);
  if (next.assigneeId !== null && next.assigneeId !== conversation.assigneeId) await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
  await changes.addMessage(message, next, null);
  await changes.store.email.insertOriginal({
    messageId: message.id,
    tenantId: changes.tenantId,
    conversationId: conversation.id,
    accountId: account.id,
    headerMessageId: mail.messageId,
    references: referencesOf(mail),
    kind,
    fromAddress: mail.from.address,
    subject: mail.subject.slice(0, 1000),
    text: mail.text,
    html: mail.html === null ? null : sanitizeMailHtml(mail.html),
    receivedAt: changes.at,
  });
  if (kind === 'customer') {
    const contact = await changes.store.channels.findContact(account.id, mail.from.address);
    await changes.store.channels.saveContact({
      accountId: account.id,
      externalId: mail.from.address,
      tenantId: changes.tenantId,
      customerId: conversation.customerId,
      conversationId: conversation.id,
      lastInboundAt: Math.max(contact?.lastInboundAt ?? 0, mail.sentAt ?? changes.at),
    });
  }
  return message;
}

/** The mail's References with its In-Reply-To after them when it is not among them: the chain our answer continues. */
function referencesOf(mail: InboundMail): string[] {
  const chain = [...mail.references];
  if (mail.inReplyTo && !chain.includes(mail.inReplyTo)) chain.push(mail.inReplyTo);
  return chain.slice(-50);
}
