import { randomUUID } from 'node:crypto';
import { CALL_WITHOUT_NOTES } from '../../../src-shared/domain/model.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { recordCall } from '../../sync/mutations/call-logs.js';
import type { CoreParts } from './core-parts.js';

export type CallHandlers = NamespaceHandlers<'calls'>;

/** The softphone's calls: web-call frames to the relay now, and wrap-ups kept until they are logged. */
export function callHandlers({ cache, sync, events, guards }: CoreParts): CallHandlers {
  return {
    'calls.log': async (params) => {
      const agent = guards.requireAgent();
      const conversation = guards.requireConversation(params.conversationId);
      const message = cache.transaction(() => {
        if (params.wrapUpId) cache.pendingWrapUps.done(agent.id, params.wrapUpId);
        return recordCall(cache, agent, conversation, params.call, params.notes.trim() || CALL_WITHOUT_NOTES, Date.now());
      });
      events.emit('messages.changed', { conversationId: message.conversationId, messageIds: [message.id] });
      sync.outboxChanged();
      return { message };
    },
    'calls.send': async ({ frame }) => {
      guards.requireAgent();
      if (!sync.sendCallFrame(frame)) throw new ApiFailure('unavailable', 'The call needs the relay, which cannot be reached right now.');
      return {};
    },
    'calls.awaitWrapUp': async (params) => {
      const wrapUp = { id: randomUUID(), ...params };
      cache.pendingWrapUps.add(guards.requireAgent().id, wrapUp, Date.now());
      return { wrapUp };
    },
    'calls.pendingWrapUps': async () => ({ wrapUps: cache.pendingWrapUps.list(guards.requireAgent().id) }),
    'calls.announce': async (params) => {
      events.emit('calls.ringing', params);
      return {};
    },
  };
}
