import { CallSummary, ChannelDelivery, MessageAttachments, PendingFiles, type Message, type MessageAuthor } from '../../src-shared/domain/model.js';

/** The columns a message row has, under the same names and in the same form, in the cache and in the relay. */
export interface MessageColumns {
  id: string;
  conversation_id: string;
  author: MessageAuthor;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: number;
  internal: 0 | 1;
  original_body: string | null;
  original_language: string | null;
  /** JSON CallSummary, or null. */
  call: string | null;
  /** JSON ChannelDelivery of a reply sent through a messaging app, or null. */
  channel_delivery: string | null;
  /** JSON MessageAttachment[], or null when the message carries no file. */
  attachments: string | null;
  /** JSON PendingFile[] of a customer's files still being fetched (or lost), or null. */
  pending_files: string | null;
}

export function messageColumns(message: Message): MessageColumns {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    author: message.author,
    author_id: message.authorId,
    author_name: message.authorName,
    body: message.body,
    created_at: message.createdAt,
    internal: message.internal ? 1 : 0,
    original_body: message.original?.body ?? null,
    original_language: message.original?.language ?? null,
    call: message.call ? JSON.stringify(message.call) : null,
    channel_delivery: message.channelDelivery ? JSON.stringify(message.channelDelivery) : null,
    attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
    pending_files: message.pendingFiles?.length ? JSON.stringify(message.pendingFiles) : null,
  };
}

/** `call` is null when the message is not a call's entry; `channelDelivery`, `attachments` and `pendingFiles` are left out unless there are any. */
export function messageFromColumns(row: MessageColumns): Message & { call: CallSummary | null } {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    author: row.author,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: row.created_at,
    internal: row.internal === 1,
    original: row.original_body === null || row.original_language === null ? null : { body: row.original_body, language: row.original_language },
    call: row.call === null ? null : CallSummary.parse(JSON.parse(row.call)),
    ...(row.channel_delivery ? { channelDelivery: ChannelDelivery.parse(JSON.parse(row.channel_delivery)) } : {}),
    ...(row.attachments ? { attachments: MessageAttachments.parse(JSON.parse(row.attachments)) } : {}),
    ...(row.pending_files ? { pendingFiles: PendingFiles.parse(JSON.parse(row.pending_files)) } : {}),
  };
}
