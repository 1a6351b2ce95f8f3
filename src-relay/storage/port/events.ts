import type { EventData } from '../../../src-shared/protocol/sync.js';

/**
 * Where a conversation stood when an event was logged: after the event, and for conversation
 * changes also before it. Visibility is decided from these alone.
 */
export interface EventPlacement {
  conversationId: string | null;
  teamId: string | null;
  assigneeId: string | null;
  previousTeamId: string | null;
  previousAssigneeId: string | null;
}

export interface LoggedEvent extends EventPlacement {
  tenantId: string;
  seq: number;
  at: number;
  data: EventData;
}

/** Each tenant's event log: seqs 1, 2, 3... with no gap, in commit order; a pruned log keeps its numbering. */
export interface EventsRepository {
  /** The last seq logged; never below the floor, so pruning never moves it back. */
  headSeq(tenantId: string): Promise<number>;
  /**
   * Every tenant's head seq as committed (0 before its first event): what the nodes of a cluster
   * poll to find commits whose poke they missed. One cheap read.
   */
  heads(): Promise<ReadonlyMap<string, number>>;
  /** Events with seq <= this were pruned; a client whose cursor is below it must resync. */
  floorSeq(tenantId: string): Promise<number>;
  /**
   * Appends with the next seq. Only inside the transaction that makes the change, so the seq
   * order is the commit order; outside one it fails.
   */
  append(tenantId: string, at: number, placement: EventPlacement, data: EventData): Promise<LoggedEvent>;
  /** Events with afterSeq < seq <= throughSeq, in order. */
  range(tenantId: string, afterSeq: number, throughSeq: number): Promise<LoggedEvent[]>;
  /** Forgets events logged before `before`, but never the newest one, so the head's seq survives. Returns the new floor. */
  prune(tenantId: string, before: number): Promise<number>;
  /**
   * Removes the events about a conversation before `beforeSeq` (erasure: what it said must not
   * reach anyone again). Called after logging the erasure itself, so the head never moves back.
   */
  purgeConversation(tenantId: string, conversationId: string, beforeSeq: number): Promise<void>;
}
