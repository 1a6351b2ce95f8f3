import type { EventData } from '../../../src-shared/protocol/sync.js';
import type Database from 'better-sqlite3';
import type { EventPlacement, EventsRepository, LoggedEvent } from '../port/events.js';
import { toLoggedEvent, type EventRow } from '../rows/event-row.js';
import type { Synchronous } from './synchronous.js';

export function createEventsStore(db: Database.Database): Synchronous<EventsRepository> {
  const sql = {
    // One statement, as every appended event reads it: the last seq, never below the floor of a log pruned to its newest event.
    head: db
      .prepare(
        `SELECT MAX(COALESCE((SELECT MAX(seq) FROM events WHERE tenant_id = @tenantId), 0),
           COALESCE((SELECT floor_seq FROM log_floors WHERE tenant_id = @tenantId), 0))`,
      )
      .pluck(),
    // One index seek per tenant for the last seq; the floor for a log pruned to its newest event.
    heads: db.prepare(
      `SELECT t.id AS tenantId, MAX(COALESCE((SELECT MAX(e.seq) FROM events e WHERE e.tenant_id = t.id), 0),
         COALESCE((SELECT f.floor_seq FROM log_floors f WHERE f.tenant_id = t.id), 0)) AS head
       FROM tenants t`,
    ),
    insert: db.prepare(
      `INSERT INTO events (tenant_id, seq, at, conversation_id, team_id, assignee_id, previous_team_id, previous_assignee_id, data)
       VALUES (@tenantId, @seq, @at, @conversationId, @teamId, @assigneeId, @previousTeamId, @previousAssigneeId, @data)`,
    ),
    range: db.prepare('SELECT * FROM events WHERE tenant_id = ? AND seq > ? AND seq <= ? ORDER BY seq'),
    floor: db.prepare('SELECT floor_seq FROM log_floors WHERE tenant_id = ?').pluck(),
    lastBefore: db.prepare('SELECT MAX(seq) FROM events WHERE tenant_id = ? AND at < ?').pluck(),
    setFloor: db.prepare(
      `INSERT INTO log_floors (tenant_id, floor_seq) VALUES (?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET floor_seq = MAX(floor_seq, excluded.floor_seq)`,
    ),
    pruneThrough: db.prepare('DELETE FROM events WHERE tenant_id = ? AND seq <= ?'),
    purgeConversation: db.prepare('DELETE FROM events WHERE tenant_id = ? AND conversation_id = ? AND seq < ?'),
  };

  const floorSeq = (tenantId: string): number => (sql.floor.get(tenantId) as number | undefined) ?? 0;
  // A pruned log keeps its numbering: the head never falls below the floor.
  const headSeq = (tenantId: string): number => sql.head.get({ tenantId }) as number;

  return {
    headSeq,
    heads(): ReadonlyMap<string, number> {
      return new Map((sql.heads.all() as { tenantId: string; head: number }[]).map((row) => [row.tenantId, row.head]));
    },
    /** Events with seq <= this were pruned; a client whose cursor is below it must resync. */
    floorSeq,
    /**
     * Appends with the next seq. Call inside the transaction that makes the change, so the
     * seq order is the commit order.
     */
    append(tenantId: string, at: number, placement: EventPlacement, data: EventData): LoggedEvent {
      if (!db.inTransaction) throw new Error('events are appended inside the transaction of the change they record');
      const event: LoggedEvent = { tenantId, seq: headSeq(tenantId) + 1, at, ...placement, data };
      sql.insert.run({ ...event, data: JSON.stringify(data) });
      return event;
    },
    /** Events with afterSeq < seq <= throughSeq, in order. */
    range(tenantId: string, afterSeq: number, throughSeq: number): LoggedEvent[] {
      return (sql.range.all(tenantId, afterSeq, throughSeq) as EventRow[]).map(toLoggedEvent);
    },
    /**
     * Forgets events logged before `before`, but never the newest one, so the head's seq survives.
     * Returns the new floor.
     */
    prune(tenantId: string, before: number): number {
      const last = sql.lastBefore.get(tenantId, before) as number | null;
      const through = Math.min(last ?? 0, headSeq(tenantId) - 1);
      if (through > floorSeq(tenantId)) {
        sql.pruneThrough.run(tenantId, through);
        sql.setFloor.run(tenantId, through);
      }
      return floorSeq(tenantId);
    },
    /**
     * Removes the events about a conversation before `beforeSeq` (erasure: what it said must not
     * reach anyone again). Called after logging the erasure itself, so the head never moves back.
     */
    purgeConversation(tenantId: string, conversationId: string, beforeSeq: number): void {
      sql.purgeConversation.run(tenantId, conversationId, beforeSeq);
    },
  };
}
