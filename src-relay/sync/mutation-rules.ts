import type { MutationKind } from '../../src-shared/protocol/mutations/index.js';
import { conversationRules } from '../conversations/conversation-rules.js';
import { customerRules } from '../customers/customer-rules.js';
import { knowledgeRules } from '../knowledge/article-rules.js';
import { presenceRules } from '../presence/presence-rules.js';
import type { RelayRule, RelayRules } from '../relay-rule.js';
import { callRules } from '../voice/call-log.js';

/**
 * Every mutation kind's rule, from the domain that owns it. The type asks for one rule per kind
 * of src-shared/protocol/mutations, so a new kind without a rule does not compile.
 */
const mutationRules: RelayRules<MutationKind> = { ...conversationRules, ...knowledgeRules, ...presenceRules, ...callRules, ...customerRules };

export function ruleOf<K extends MutationKind>(kind: K): RelayRule<K> {
  return mutationRules[kind];
}
