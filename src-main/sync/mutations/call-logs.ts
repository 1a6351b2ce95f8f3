import type { LocalMessage } from '../../../src-shared/api/contract.js';
import type { Agent, CallSummary, Conversation } from '../../../src-shared/domain/model.js';
import type { CallMutationKind } from '../../../src-shared/protocol/mutations/call-mutations.js';
import type { Cache } from '../../store/cache.js';
import { agentMessage, recordMessage } from './agent-messages.js';
import type { ClientMutations } from './client-mutation.js';
import { noticedWhenRefused } from './refusal-notices.js';

/** A finished call with the agent's wrap-up, as an internal entry in the timeline. */
export function recordCall(cache: Cache, author: Agent, conversation: Conversation, call: CallSummary, body: string, now: number): LocalMessage {
  const message = { ...agentMessage(author, conversation, body, now, true), call };
  return recordMessage(cache, message, now, { kind: 'call.log', conversationId: conversation.id, messageId: message.id, call, body });
}

export const callMutations: ClientMutations<CallMutationKind> = {
  'call.log': { refused: noticedWhenRefused('change-not-applied') },
};
