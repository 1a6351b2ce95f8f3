import type { CallMutationKind } from '../../src-shared/protocol/mutations/call-mutations.js';
import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import { agentMessage, repeatedMessage } from '../conversations/agent-messages.js';
import { findInScope } from '../conversations/conversation-finders.js';
import type { Refusal, RelayRules, RuleContext } from '../relay-rule.js';

/** A finished call joins the timeline as an internal entry, like a note, whoever holds the conversation now. */
async function logCall({ changes, agent }: RuleContext, log: MutationOf<'call.log'>): Promise<Refusal | null> {
  const repeat = await repeatedMessage(changes.store, agent, log);
  if (repeat !== undefined) return repeat;
  const found = await findInScope(changes.store, agent, log.conversationId);
  if (!found.ok) return found.refusal;
  await changes.addMessage({ ...agentMessage(agent, log, changes.at, true), call: log.call }, found.conversation, null);
  return null;
}

/** The relay's rule for every call mutation (src-shared/protocol/mutations/call-mutations.ts). */
export const callRules: RelayRules<CallMutationKind> = {
  'call.log': logCall,
};
