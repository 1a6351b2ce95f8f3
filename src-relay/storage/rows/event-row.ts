import type { EventData } from '../../../src-shared/protocol/sync.js';
import type { LoggedEvent } from '../port/events.js';

/** A log row as both adapters store it (`data` is the event as JSON text). */
export interface EventRow {
  tenant_id: string;
  seq: number;
  at: number;
  conversation_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  previous_team_id: string | null;
  previous_assignee_id: string | null;
  data: string;
}

export function toLoggedEvent(row: EventRow): LoggedEvent {
  return {
    tenantId: row.tenant_id,
    seq: row.seq,
    at: row.at,
    conversationId: row.conversation_id,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    previousTeamId: row.previous_team_id,
    previousAssigneeId: row.previous_assignee_id,
    // Written by append() from a typed value; the log is the relay's own.
    data: JSON.parse(row.data) as EventData,
  };
}
