import type { Role } from '../../../src-shared/domain/model.js';
import { canSee } from '../../../src-relay/log/visibility.js';
import type { LoggedEvent } from '../../../src-relay/storage/port/events.js';
import type { RelayStorage } from '../../../src-relay/storage/port/relay-storage.js';

/** What one desk applied: the seqs after `start` (its head at hello), in the order it applied them. */
export interface DeskApplied {
  agentId: string;
  role: Role;
  teamIds: string[];
  start: number;
  seqs: readonly number[];
}

export interface DeliveryCheck {
  /** Events a desk may see, committed up to `throughSeq`, that it never applied. */
  lost: number;
  /** Applications of an event beyond the first. */
  duplicated: number;
  /** Applied seqs not above the one applied before. */
  outOfOrder: number;
  /** Events a desk applied that it may not see. */
  unexpected: number;
  /** Deliveries the log says were due, over all desks. */
  due: number;
  /** Conversations still waiting in a team's queue at the end (no agent took them). */
  queued: number;
  conversations: number;
}

/**
 * Checks every desk against the log itself: each event up to `throughSeq` that the desk may see
 * (the relay's own rule, src-relay/log/visibility.ts) must have been applied exactly once, in seq
 * order, and nothing else. Later events are not judged: they may still have been on their way.
 */
export async function checkDeliveries(store: RelayStorage, tenantId: string, throughSeq: number, desks: readonly DeskApplied[]): Promise<DeliveryCheck> {
  const from = Math.min(...desks.map((desk) => desk.start));
  const events = await readLog(store, tenantId, from, throughSeq);
  const check: DeliveryCheck = { lost: 0, duplicated: 0, outOfOrder: 0, unexpected: 0, due: 0, queued: 0, conversations: 0 };
  for (const desk of desks) {
    const viewer = { agentId: desk.agentId, role: desk.role, teamIds: desk.teamIds };
    const applied = new Map<number, number>();
    let previous = desk.start;
    for (const seq of desk.seqs) {
      if (seq <= previous) check.outOfOrder += 1;
      previous = seq;
      applied.set(seq, (applied.get(seq) ?? 0) + 1);
    }
    for (const event of events) {
      if (event.seq <= desk.start || !canSee(viewer, event)) continue;
      check.due += 1;
      const times = applied.get(event.seq);
      if (times === undefined) check.lost += 1;
      else check.duplicated += times - 1;
      applied.delete(event.seq);
    }
    for (const [seq, times] of applied) {
      if (seq <= throughSeq) check.unexpected += times;
    }
  }
  const latest = new Map<string, { assigneeId: string | null; status: string }>();
  for (const event of events) if (event.data.type === 'conversation.upserted') latest.set(event.data.conversation.id, event.data.conversation);
  check.conversations = latest.size;
  check.queued = [...latest.values()].filter((c) => c.assigneeId === null && c.status === 'open').length;
  return check;
}

async function readLog(store: RelayStorage, tenantId: string, from: number, through: number): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for (let after = from; after < through; after = Math.min(through, after + 5000)) {
    events.push(...(await store.events.range(tenantId, after, Math.min(through, after + 5000))));
  }
  return events;
}
