import type { WebchatMessage } from '../../src-shared/protocol/webchat.js';
import type { StoredMessage } from '../storage/port/conversations.js';

/** No agent ids reach the customer; their own message ids come back so the page can match them. */
export function toWebchatMessage({ message, clientMessageId }: StoredMessage): WebchatMessage {
  return {
    id: message.id,
    author: message.author,
    authorName: message.authorName,
    body: message.body,
    createdAt: message.createdAt,
    clientMessageId: message.author === 'customer' ? clientMessageId : null,
    ...(message.attachments?.length ? { attachments: message.attachments } : {}),
  };
}
