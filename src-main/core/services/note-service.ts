import { ApiFailure, type ApiHandlers, type NamespaceHandlers } from '../api-router.js';
import { recordNote } from '../../sync/mutations/agent-messages.js';
import { recordLabels } from '../../sync/mutations/conversation-changes.js';
import type { CoreParts } from './core-parts.js';

export type NoteHandlers = NamespaceHandlers<'notes' | 'colleagues'> & Pick<ApiHandlers, 'conversations.setLabels'>;

/** The team's own marks on a conversation: internal notes that @mention colleagues, and labels. */
export function noteHandlers({ cache, sync, events, guards }: CoreParts): NoteHandlers {
  return {
    'notes.add': async (params) => {
      const agent = guards.requireAgent();
      const conversation = guards.requireConversation(params.conversationId);
      const known = new Set(cache.session.colleagues().map((c) => c.id));
      const unknown = params.mentions.find((id) => !known.has(id));
      if (unknown !== undefined) throw new ApiFailure('bad_request', `No colleague has the id ${unknown}.`);
      const message = recordNote(cache, agent, conversation, { body: params.body, mentions: params.mentions }, Date.now());
      events.emit('messages.changed', { conversationId: message.conversationId, messageIds: [message.id] });
      sync.outboxChanged();
      return { message };
    },
    'colleagues.list': async () => {
      const agent = guards.requireAgent();
      return { colleagues: cache.session.colleagues().filter((c) => c.id !== agent.id), teams: cache.session.teams() };
    },
    'conversations.setLabels': async (params) => {
      guards.requireAgent();
      const conversation = guards.requireConversation(params.conversationId);
      if (recordLabels(cache, conversation, params.labels, Date.now())) {
        events.emit('conversations.changed', { conversationIds: [conversation.id] });
        sync.outboxChanged();
      }
      return { conversation: guards.requireShownConversation(conversation.id) };
    },
  };
}
