import type { MutationKind } from '../../../src-shared/protocol/mutations/index.js';
import { agentMessageMutations } from './agent-messages.js';
import { articleMutations } from './article-edits.js';
import { callMutations } from './call-logs.js';
import type { ClientMutation, ClientMutations } from './client-mutation.js';
import { conversationChangeMutations } from './conversation-changes.js';
import { customerMutations } from './customer-merges.js';
import { presenceMutations } from './presence-changes.js';

/**
 * How the desk settles every mutation kind, from the module that records it. The type asks for
 * one entry per kind of src-shared/protocol/mutations, so a new kind without one does not compile.
 */
const clientMutations: ClientMutations<MutationKind> = {
  ...agentMessageMutations,
  ...conversationChangeMutations,
  ...articleMutations,
  ...presenceMutations,
  ...callMutations,
  ...customerMutations,
};

export function clientMutationOf<K extends MutationKind>(kind: K): ClientMutation<K> {
  return clientMutations[kind];
}
