import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { LanguageFeatures } from '../../ai/language-features.js';
import { recordReply } from '../../sync/mutations/agent-messages.js';
import { heldResolutions, recordAssignment, recordClaim, recordOfferAnswer, recordStatusChange, takeBackResolutions } from '../../sync/mutations/conversation-changes.js';
import { ConversationPositionSchema, decodePageCursor, encodePageCursor, MessagePositionSchema } from '../page-cursor.js';
import type { CoreParts } from './core-parts.js';
import type { ReplyChecks } from './reply-check-service.js';
import { selectionOf } from './view-service.js';

/** `conversations.setLabels` is the note service's: labels and notes are the team's own marks. */
export type ConversationHandlers = Omit<NamespaceHandlers<'conversations'>, 'conversations.setLabels'> & NamespaceHandlers<'notices'>;

/**
 * The inbox and the thread, read from the cache; the agent's claims, replies and status changes,
 * written through the outbox; and the notices of what the relay decided instead.
 */
export function conversationHandlers(parts: CoreParts, language: LanguageFeatures | null, checks: ReplyChecks): ConversationHandlers {
  const { cache, sync, events, guards } = parts;
  const changed = (conversationId: string) => {
    events.emit('conversations.changed', { conversationIds: [conversationId] });
    sync.outboxChanged();
  };
  return {
    'conversations.list': async (params) => {
      const agent = guards.requireAgent();
      const after = params.cursor === null ? null : decodePageCursor(params.cursor, ConversationPositionSchema);
      const selection = selectionOf(cache, agent, params.view ?? { kind: 'all' });
      const page = cache.conversations.page({ status: params.status, label: params.label, channel: params.channel, selection, now: Date.now(), after, limit: params.limit });
      return { items: page.items, nextCursor: page.next && encodePageCursor(page.next) };
    },
    'conversations.get': async (params) => {
      guards.requireAgent();
      const conversation = guards.requireShownConversation(params.conversationId);
      const before = params.before === null ? null : decodePageCursor(params.before, MessagePositionSchema);
      const page = cache.messages.pageBefore(conversation.id, before, params.limit);
      const messages = language ? language.withTranslations(page.messages) : page.messages;
      return { conversation, messages, olderCursor: page.older && encodePageCursor(page.older) };
    },
    'conversations.reply': async (params) => {
      const agent = guards.requireAgent();
      const conversation = guards.requireConversation(params.conversationId);
      // An approved template is the company's own text, not the agent's.
      const flags = params.template ? [] : checks.verdict(guards.requireShownConversation(conversation.id), agent, params, params.checks ?? { overrides: [], shown: [] });
      const reply = { body: params.body, original: params.original ?? null, template: params.template, attachments: params.attachments, email: params.email, flags };
      const message = recordReply(cache, agent, conversation, reply, Date.now());
      events.emit('messages.changed', { conversationId: conversation.id, messageIds: [message.id] });
      changed(conversation.id);
      return { message };
    },
    'conversations.setStatus': async (params) => {
      guards.requireAgent();
      const id = guards.requireConversation(params.conversationId).id;
      // Another status within a resolution's undo window takes the resolution back: the relay never hears of it.
      const tookBack = params.status !== 'resolved' && takeBackResolutions(cache, id, (m) => sync.mayTakeBack(m)) > 0;
      const recorded = recordStatusChange(cache, guards.requireConversation(id), params.status, Date.now());
      if (tookBack || recorded) changed(id);
      const undoWindowMs = recorded && params.status === 'resolved' ? sync.resolveUndoMs() : null;
      return { conversation: guards.requireConversation(id), undoWindowMs };
    },
    'conversations.undoResolve': async (params) => {
      guards.requireAgent();
      const id = guards.requireConversation(params.conversationId).id;
      if (takeBackResolutions(cache, id, (m) => sync.mayTakeBack(m)) === 0) {
        throw new ApiFailure('bad_request', 'Too late to undo: the resolution has gone to the relay. Reopen the conversation instead.');
      }
      changed(id);
      return { conversation: guards.requireConversation(id) };
    },
    'conversations.pauseUndo': async (params) => {
      guards.requireAgent();
      const id = guards.requireConversation(params.conversationId).id;
      const held = heldResolutions(cache, id, (m) => sync.mayTakeBack(m)).at(-1);
      const left = held ? sync.pauseUndo(held, params.paused) : null;
      return { undoWindowMs: left === null ? null : Math.ceil(left) };
    },
    'conversations.claim': async (params) => {
      const agent = guards.requireAgent();
      const conversation = guards.requireConversation(params.conversationId);
      if (conversation.assigneeId !== null && conversation.assigneeId !== agent.id) {
        throw new ApiFailure('forbidden', 'A colleague already handles this conversation.');
      }
      if (recordClaim(cache, conversation, Date.now())) changed(conversation.id);
      return { conversation: guards.requireConversation(conversation.id) };
    },
    ...offerHandlers(parts),
    ...noticeHandlers(parts),
  };
}

/** Changes the relay alone decides, queued as they are: it refuses them if the conversation moved on. */
function offerHandlers({ cache, sync, guards }: CoreParts): Pick<ConversationHandlers, 'conversations.assign' | 'conversations.accept' | 'conversations.decline'> {
  const answerOffer = async (kind: 'conversation.accept' | 'conversation.decline', conversationId: string) => {
    const agent = guards.requireAgent();
    const conversation = guards.requireConversation(conversationId);
    if (conversation.offer?.agentId !== agent.id) throw new ApiFailure('bad_request', 'This conversation is not offered to you.');
    recordOfferAnswer(cache, kind, conversationId, Date.now());
    sync.outboxChanged();
    return {};
  };
  return {
    'conversations.assign': async (params) => {
      guards.requireRole('supervisor', 'Only supervisors and administrators reassign conversations.');
      const conversation = guards.requireConversation(params.conversationId);
      if (conversation.assigneeId === params.assigneeId) return {};
      recordAssignment(cache, conversation.id, params.assigneeId, Date.now());
      sync.outboxChanged();
      return {};
    },
    'conversations.accept': (params) => answerOffer('conversation.accept', params.conversationId),
    'conversations.decline': (params) => answerOffer('conversation.decline', params.conversationId),
  };
}

function noticeHandlers({ cache, events, guards }: CoreParts): NamespaceHandlers<'notices'> {
  return {
    'notices.list': async () => {
      guards.requireAgent();
      return { notices: cache.notices.shown() };
    },
    'notices.dismiss': async (params) => {
      guards.requireAgent();
      if (cache.notices.dismiss(params.noticeId)) events.emit('notices.changed', { notices: cache.notices.shown() });
      return {};
    },
  };
}
