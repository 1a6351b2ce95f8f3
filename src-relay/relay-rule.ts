import type { Agent } from '../src-shared/domain/model.js';
import type { MutationKind, MutationOf } from '../src-shared/protocol/mutations/index.js';
import type { ConflictReason, RejectionCode } from '../src-shared/protocol/sync.js';
import type { ChangeSet } from './log/change-set.js';
import type { RelayCore } from './relay-core.js';

/** Why the relay did not apply a mutation, in the agent's words; it goes back in the ack. */
export type Refusal = { code: RejectionCode; message: string; reason?: ConflictReason; otherAgentName?: string | null };

/** What a rule works with while a client's push is applied: the relay, the push's one commit (read through `changes.store`), and who pushed. */
export interface RuleContext {
  readonly core: RelayCore;
  readonly changes: ChangeSet;
  readonly agent: Agent;
  /** Other agents whose presence this push set: everyone hears of it once the push is committed. */
  readonly presenceSetFor: string[];
}

/**
 * The relay's rule for one kind of mutation: it writes through `changes` or refuses. It runs
 * inside the push's transaction, so a refusal must come before any write.
 */
export type RelayRule<K extends MutationKind> = (context: RuleContext, mutation: MutationOf<K>) => Promise<Refusal | null>;

/** The rules of a domain's mutation kinds, one each. */
export type RelayRules<K extends MutationKind> = { [P in K]: RelayRule<P> };
