import type { EventData } from '../../../src-shared/protocol/sync.js';
import type { EventPlacement, EventsRepository } from '../port/events.js';
import { toLoggedEvent, type EventRow } from '../rows/event-row.js';
import { rowsOf, type Query } from './query.js';
import type { PendingEvents } from './pending-events.js';

/**
 * The log on PostgreSQL. Seqs come from the tenant's head row (tenant-seq.ts), which is also the
 * head: it moves only with the events a commit writes, starts at the log's head (migration 0002)
 * and never falls below the floor, since pruning and erasure keep the newest event. So the head
 * is one indexed row rather than SQLite's MAX(seq) against the floor, with the same answer.
 *
 * `pending` holds a transaction's appended events until its COMMIT (pending-events.ts), or is null
 * outside a transaction, where append fails. Every other call inside the transaction writes them
 * first, so it reads and deletes as if each append had been written at once.
 */
export function eventsRepository(query: Query, pending: PendingEvents | null): EventsRepository {
  const written = async () => {
    await pending?.flush();
  };
  const floorSeq = async (tenantId: string) => {
    await written();
    return (await rowsOf<{ floor_seq: number }>(query, 'SELECT floor_seq FROM log_floors WHERE tenant_id = $1', [tenantId]))[0]?.floor_seq ?? 0;
  };
  // Inside a transaction this reads through its own connection, so it includes the seqs it took.
  const headSeq = async (tenantId: string) => {
    await written();
    return (await rowsOf<{ head: number }>(query, 'SELECT head FROM tenant_heads WHERE tenant_id = $1', [tenantId]))[0]?.head ?? 0;
  };

  return {
    headSeq,
    async heads() {
      await written();
      const rows = await rowsOf<{ tenant_id: string; head: number }>(
        query,
        'SELECT t.id AS tenant_id, COALESCE(h.head, 0) AS head FROM tenants t LEFT JOIN tenant_heads h ON h.tenant_id = t.id',
      );
      return new Map(rows.map((row) => [row.tenant_id, row.head]));
    },
    floorSeq,
    async append(tenantId: string, at: number, placement: EventPlacement, data: EventData) {
      if (!pending) throw new Error('events are appended inside the transaction of the change they record');
      return pending.append(tenantId, at, placement, data);
    },
    async range(tenantId, afterSeq, throughSeq) {
      await written();
      const rows = await rowsOf<EventRow>(query, 'SELECT * FROM events WHERE tenant_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq', [tenantId, afterSeq, throughSeq]);
      return rows.map(toLoggedEvent);
    },
    async prune(tenantId, before) {
      await written();
      const [last] = await rowsOf<{ seq: number | null }>(query, 'SELECT MAX(seq) AS seq FROM events WHERE tenant_id = $1 AND at < $2', [tenantId, before]);
      const through = Math.min(last?.seq ?? 0, (await headSeq(tenantId)) - 1);
      if (through > (await floorSeq(tenantId))) {
        await query('DELETE FROM events WHERE tenant_id = $1 AND seq <= $2', [tenantId, through]);
        await query(
          `INSERT INTO log_floors (tenant_id, floor_seq) VALUES ($1, $2)
           ON CONFLICT (tenant_id) DO UPDATE SET floor_seq = GREATEST(log_floors.floor_seq, excluded.floor_seq)`,
          [tenantId, through],
        );
      }
      return floorSeq(tenantId);
    },
    async purgeConversation(tenantId, conversationId, beforeSeq) {
      await written();
      await query('DELETE FROM events WHERE tenant_id = $1 AND conversation_id = $2 AND seq < $3', [tenantId, conversationId, beforeSeq]);
    },
  };
}
