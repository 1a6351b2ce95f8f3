import type { MutationKind, MutationOf } from '../../../src-shared/protocol/mutations/index.js';
import type { Rejection } from '../../../src-shared/protocol/sync.js';
import type { Cache } from '../../store/cache.js';
import type { ChangeSet } from '../change-set.js';

/** What settling works with: the cache, inside the settling transaction, and what it touched, to announce afterwards. */
export interface Settling {
  readonly cache: Cache;
  readonly changes: ChangeSet;
}

/**
 * How the desk settles one kind of mutation once the relay has answered. Recording it is each
 * module's own function (recordReply, recordClaim, ...), which takes what its caller has.
 */
export interface ClientMutation<K extends MutationKind> {
  /** The relay refused it: undo what only this desk believed, and tell the agent when they must know. */
  refused(settling: Settling, mutation: MutationOf<K>, rejection: Rejection, now: number): void;
  /** It left the outbox, applied or refused (after `refused`). */
  settled?(settling: Settling, mutation: MutationOf<K>): void;
  /** The relay applied it before the connection dropped and the ack was lost: it may have been refused. */
  unconfirmed?(cache: Cache, mutation: MutationOf<K>): void;
  /** The message the log brings back if the relay took it; one that never comes was refused. */
  awaitedMessageId?(mutation: MutationOf<K>): string;
}

/** The settlement of a domain's mutation kinds, one each. */
export type ClientMutations<K extends MutationKind> = { [P in K]: ClientMutation<P> };
