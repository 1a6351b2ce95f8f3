import type pg from 'pg';
import type { EventPlacement, LoggedEvent } from '../port/events.js';
import type { EventData } from '../../../src-shared/protocol/sync.js';
import { lockTenantLog } from './tenant-seq.js';

/**
 * The events one transaction logs, written in one statement just before its COMMIT instead of two
 * round trips each (take a seq, insert): a tenant's commits run one at a time, so every round trip
 * inside one is time the next commit waits.
 *
 * Seqs are still taken under the tenant's head row lock (tenant-seq.ts): the transaction holds it
 * from its BEGIN (a commit that names its tenant) or from its first append, so nobody else moves the
 * head meanwhile, and the events and the new head are written in the same transaction. Anything
 * else that reads or deletes events inside the transaction writes the pending ones first
 * (`flush`), so it sees the log as if each append had been written at once.
 */
export class PendingEvents {
  /** Per tenant whose head row this transaction holds: the head as of now, pending events included. */
  private heads = new Map<string, number>();
  private pending: LoggedEvent[] = [];

  constructor(private readonly client: pg.ClientBase) {}

  /** The transaction took the tenant's head row lock at BEGIN and read `head`. */
  holding(tenantId: string, head: number): void {
    this.heads.set(tenantId, head);
  }

  async append(tenantId: string, at: number, placement: EventPlacement, data: EventData): Promise<LoggedEvent> {
    const head = this.heads.get(tenantId) ?? (await lockTenantLog(this.client, tenantId));
    const event: LoggedEvent = { tenantId, seq: head + 1, at, ...placement, data };
    this.heads.set(tenantId, event.seq);
    this.pending.push(event);
    return event;
  }

  /** The tenant's head including what is pending, if this transaction holds its row. */
  headOf(tenantId: string): number | undefined {
    return this.heads.get(tenantId);
  }

  /**
   * Where the transaction stands, to return to when it rolls back to a savepoint taken now
   * (group commit, ../commit-groups.ts). Events written since then are undone by the rollback, so
   * they are pending again; a head row first locked since then is no longer held.
   */
  mark(): () => void {
    const heads = new Map(this.heads);
    const pending = [...this.pending];
    return () => {
      this.heads = heads;
      this.pending = pending;
    };
  }

  /** Writes the pending events and moves each tenant's head to its last one. */
  async flush(): Promise<void> {
    const written = this.pending;
    this.pending = [];
    for (const tenantId of new Set(written.map((event) => event.tenantId))) {
      await this.write(tenantId, written.filter((event) => event.tenantId === tenantId));
    }
  }

  private async write(tenantId: string, events: LoggedEvent[]): Promise<void> {
    const column = <T>(pick: (event: LoggedEvent) => T): T[] => events.map(pick);
    await this.client.query(
      `WITH written AS (
         INSERT INTO events (tenant_id, seq, at, conversation_id, team_id, assignee_id, previous_team_id, previous_assignee_id, data)
         SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       )
       INSERT INTO tenant_heads (tenant_id, head) VALUES ($1, $10)
       ON CONFLICT (tenant_id) DO UPDATE SET head = excluded.head`,
      [
        tenantId,
        column((event) => event.seq),
        column((event) => event.at),
        column((event) => event.conversationId),
        column((event) => event.teamId),
        column((event) => event.assigneeId),
        column((event) => event.previousTeamId),
        column((event) => event.previousAssigneeId),
        column((event) => JSON.stringify(event.data)),
        events.at(-1)?.seq,
      ],
    );
  }
}
