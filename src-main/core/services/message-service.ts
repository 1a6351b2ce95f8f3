import type { LocalMessage } from '../../../src-shared/api/contract.js';
import type { Conversation } from '../../../src-shared/domain/model.js';
import { parseSearchTerms, snippetOf } from '../../store/search-terms.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { recordReply, recordRetry } from '../../sync/mutations/agent-messages.js';
import { fetchMailImages, readInlineImages } from '../mail-images.js';
import { downloadFromRelay } from '../relay-files.js';
import { requestEmailOriginal, requestReveal } from '../relay-http.js';
import type { CoreParts } from './core-parts.js';
import type { Guards } from './guards.js';

/** `messages.translate` is the language service's. */
export type MessageHandlers = Omit<NamespaceHandlers<'messages'>, 'messages.translate'>;

/** A refused reply sent again or dropped, as the agent chooses; and search over every cached message. */
export function messageHandlers({ cache, sync, events, guards, relayUrl }: CoreParts): MessageHandlers {
  const messageChanged = (message: LocalMessage) => events.emit('messages.changed', { conversationId: message.conversationId, messageIds: [message.id] });
  return {
    'messages.retry': async (params) => {
      guards.requireAgent();
      const message = requireFailedReply(guards, params.messageId);
      recordRetry(cache, message, guards.requireConversation(message.conversationId), Date.now());
      messageChanged(message);
      sync.outboxChanged();
      return { message: guards.requireMessage(message.id) };
    },
    'messages.sendAgain': async (params) => {
      const agent = guards.requireAgent();
      const refused = requireProviderRefusedReply(guards, params.messageId);
      const conversation = guards.requireConversation(refused.conversationId);
      const template = cache.messages.replyTemplate(refused.id) ?? undefined;
      const email = cache.messages.replyEmail(refused.id) ?? undefined;
      const reply = { body: refused.body, original: refused.original ?? null, template, attachments: refused.attachments, email };
      const message = recordReply(cache, agent, conversation, reply, Date.now());
      messageChanged(message);
      sync.outboxChanged();
      return { message };
    },
    'messages.discard': async (params) => {
      guards.requireAgent();
      const message = requireFailedReply(guards, params.messageId);
      cache.messages.deleteFailed(message.id);
      messageChanged(message);
      return {};
    },
    'messages.emailOriginal': async ({ messageId }) => {
      guards.requireAgent();
      const message = guards.requireMessage(messageId);
      const token = guards.signInToken('Sign in again to see the original mail.');
      const original = await requestEmailOriginal(relayUrl, token, message.id);
      return { ...original, inlineImageData: await readInlineImages(original.inlineImages, (fileId) => downloadFromRelay(relayUrl, token, fileId)) };
    },
    'messages.reveal': async (request) => {
      guards.requireAgent();
      const message = guards.requireMessage(request.messageId);
      const token = guards.signInToken('Sign in again to reveal the value.');
      return requestReveal(relayUrl, token, { conversationId: message.conversationId, ...request });
    },
    'messages.emailImages': async ({ urls }) => {
      guards.requireAgent();
      return { images: await fetchMailImages(urls) };
    },
    'messages.search': async (params) => {
      guards.requireAgent();
      const terms = parseSearchTerms(params.query);
      const words = [...terms.indexed, ...terms.short];
      const conversations = new Map<string, Conversation | undefined>();
      const hits = cache.messages.search(terms, params.limit).flatMap((message) => {
        if (!conversations.has(message.conversationId)) conversations.set(message.conversationId, cache.conversations.get(message.conversationId));
        const conversation = conversations.get(message.conversationId);
        return conversation ? [{ message, conversation, snippet: snippetOf(message.body, words) }] : [];
      });
      return { hits };
    },
  };
}

function requireFailedReply(guards: Guards, id: string): LocalMessage {
  const message = guards.requireMessage(id);
  if (message.delivery !== 'failed') {
    throw new ApiFailure('bad_request', 'Only a reply that was not sent can be sent again or discarded.');
  }
  return message;
}

/** A reply of ours that the relay stored and the messaging app then refused. */
function requireProviderRefusedReply(guards: Guards, id: string): LocalMessage {
  const message = guards.requireMessage(id);
  if (message.author !== 'agent' || message.internal || message.channelDelivery?.state !== 'failed') {
    throw new ApiFailure('bad_request', 'Only a reply the messaging app refused can be sent again as a new reply.');
  }
  return message;
}
