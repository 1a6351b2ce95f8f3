import type { ConversationMutationKind } from '../../src-shared/protocol/mutations/conversation-mutations.js';
import type { RelayRules } from '../relay-rule.js';
import { addNote, sendReply } from './agent-messages.js';
import { acceptOffer, claim, declineOffer, reassign } from './conversation-holders.js';
import { setLabels, setStatus, signal } from './conversation-state.js';

/** The relay's rule for every conversation mutation (src-shared/protocol/mutations/conversation-mutations.ts). */
export const conversationRules: RelayRules<ConversationMutationKind> = {
  'reply.send': sendReply,
  'note.add': addNote,
  'conversation.claim': claim,
  'conversation.setStatus': setStatus,
  'conversation.accept': acceptOffer,
  'conversation.decline': declineOffer,
  'conversation.signal': signal,
  'conversation.assign': reassign,
  'conversation.setLabels': setLabels,
};
