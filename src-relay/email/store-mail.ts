import { randomUUID } from 'node:crypto';
import { ATTACHMENTS_MAX } from '../../src-shared/domain/attachments.js';
import { previewOf, type Conversation, type Message, type MessageAttachment } from '../../src-shared/domain/model.js';
import { wellFormed } from '../../src-shared/domain/text.js';
import { afterCustomerMessage } from '../conversations/customer-chat.js';
import { shareAttachments, withAttachments } from '../conversations/message-files.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import type { EmailMessageKind } from '../storage/port/email.js';
import type { KeptMailFiles } from './mail-files.js';
import { sanitizeMailHtml } from './mail-html.js';
import { newPartOf } from './new-part.js';
import type { InboundMail } from './parse-mail.js';

/** One mail to store: the message the agent reads (the new part), and its original beside it. */
export interface MailToStore {
  account: ChannelAccount;
  mail: InboundMail & { from: NonNullable<InboundMail['from']> };
  kind: EmailMessageKind;
  conversation: Conversation;
  /** The mail's files, kept before the commit (mail-files.ts). */
  files: KeptMailFiles;
}

/**
 * Adds the mail to its conversation. A person's mail reopens a pending or resolved conversation
 * (afterCustomerMessage, as on every channel); an auto-reply is only recorded: it neither reopens
 * the conversation nor moves its SLA, so an out-of-office does not put a solved case back in a queue.
 */
export async function storeMail(core: RelayCore, changes: ChangeSet, { account, mail, kind, conversation, files }: MailToStore): Promise<Message> {
  const written = wellFormed(newPartOf(mail.text) || mail.subject || '(empty mail)');
  const body = files.missing.length ? `${written}\n${files.missing.join('\n')}` : written;
  const [attached = [], ...more] = chunked(files.attachments, ATTACHMENTS_MAX);
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
    ...withAttachments(attached),
  };
  await shareAttachments(changes.store, changes.tenantId, conversation.id, files.attachments);
  const next =
    kind === 'customer'
      ? await afterCustomerMessage(core, changes, conversation, message)
      : { ...conversation, lastMessageAt: message.createdAt, lastMessagePreview: previewOf(body), updatedAt: changes.at };
  await changes.changeConversation(conversation, next);
  if (next.assigneeId !== null && next.assigneeId !== conversation.assigneeId) await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
  await changes.addMessage(message, next, null);
  for (const [index, chunk] of more.entries()) await changes.addMessage(filesMessage(message, chunk, index + 2, more.length + 1), next, null);
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
    html: mail.html === null ? null : sanitizeMailHtml(mail.html, files.inlineImages),
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

/**
 * A message carries at most ATTACHMENTS_MAX files, as on every channel; a mail may carry more.
 * The rest follow in messages of their own, right after it, so no file the customer sent is lost.
 */
function filesMessage(first: Message, attachments: MessageAttachment[], part: number, parts: number): Message {
  return { ...first, id: randomUUID(), body: `(files of the mail above, part ${part} of ${parts})`, ...withAttachments(attachments) };
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The mail's References with its In-Reply-To after them when it is not among them: the chain our answer continues. */
function referencesOf(mail: InboundMail): string[] {
  const chain = [...mail.references];
  if (mail.inReplyTo && !chain.includes(mail.inReplyTo)) chain.push(mail.inReplyTo);
  return chain.slice(-50);
}
