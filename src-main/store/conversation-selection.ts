import type { ConversationCriteria } from '../../src-shared/api/contract.js';
import { WARNING_MS } from '../../src-shared/domain/sla.js';

/**
 * Which conversations a view holds, as the store can ask for them: the core turns an inbox view
 * (the agent's own, a team, a saved filter, ...) into this; every part left out matches all.
 */
export interface ConversationSelection {
  /** Held by this agent (as shown: a pending claim counts). */
  assigneeId?: string;
  /** Held by nobody, in one of these teams. */
  unassignedInTeams?: readonly string[];
  /** This agent was @mentioned in a note on it (a `mentioned` notice, dismissed or not). */
  mentioned?: boolean;
  teamId?: string;
  criteria?: ConversationCriteria;
}

/** The named parameters of `SELECTION_SQL`. */
export interface SelectionParams {
  sel_assignee: string | null;
  sel_unassigned_teams: string | null;
  sel_mentioned: 0 | 1;
  sel_team: string | null;
  sel_statuses: string | null;
  sel_labels: string | null;
  sel_channels: string | null;
  sel_languages: string | null;
  sel_markets: string | null;
  sel_sla: string | null;
  sel_vip: 0 | 1 | null;
  sel_now: number;
  sel_warning_ms: number;
}

/**
 * The selection as one fixed WHERE clause over `shown_conversations` (no SQL is put together
 * from input): each part is skipped when its parameter is null. Lists travel as JSON arrays.
 * The SLA state is `slaStateAt`'s, from the nearest due time (migration 0031).
 */
export const SELECTION_SQL = `
      (@sel_assignee IS NULL OR shown_assignee_id = @sel_assignee)
  AND (@sel_unassigned_teams IS NULL OR (shown_assignee_id IS NULL AND team_id IN (SELECT value FROM json_each(@sel_unassigned_teams))))
  AND (@sel_mentioned = 0 OR id IN (SELECT conversation_id FROM notices WHERE kind = 'mentioned'))
  AND (@sel_team IS NULL OR team_id = @sel_team)
  AND (@sel_statuses IS NULL OR shown_status IN (SELECT value FROM json_each(@sel_statuses)))
  AND (@sel_labels IS NULL OR EXISTS (SELECT 1 FROM json_each(shown_labels) l WHERE l.value IN (SELECT value FROM json_each(@sel_labels))))
  AND (@sel_channels IS NULL OR channel IN (SELECT value FROM json_each(@sel_channels)))
  AND (@sel_languages IS NULL OR language IN (SELECT value FROM json_each(@sel_languages)))
  AND (@sel_markets IS NULL OR market IN (SELECT value FROM json_each(@sel_markets)))
  AND (@sel_sla IS NULL OR (CASE WHEN sla_due_at IS NULL THEN 'none'
                                 WHEN sla_due_at <= @sel_now THEN 'breached'
                                 WHEN sla_due_at - @sel_now <= @sel_warning_ms THEN 'warning'
                                 ELSE 'ok' END) IN (SELECT value FROM json_each(@sel_sla)))
  AND (@sel_vip IS NULL OR vip = @sel_vip)`;

export function selectionParams(selection: ConversationSelection, now: number): SelectionParams {
  const criteria = selection.criteria;
  return {
    sel_assignee: selection.assigneeId ?? null,
    sel_unassigned_teams: selection.unassignedInTeams ? JSON.stringify(selection.unassignedInTeams) : null,
    sel_mentioned: selection.mentioned ? 1 : 0,
    sel_team: selection.teamId ?? null,
    sel_statuses: listOrNull(criteria?.statuses),
    sel_labels: listOrNull(criteria?.labels),
    sel_channels: listOrNull(criteria?.channels),
    sel_languages: listOrNull(criteria?.languages),
    sel_markets: listOrNull(criteria?.markets),
    sel_sla: listOrNull(criteria?.slaStates),
    sel_vip: criteria?.vip == null ? null : criteria.vip ? 1 : 0,
    sel_now: now,
    sel_warning_ms: WARNING_MS,
  };
}

/** An empty list asks for nothing, so it matches all. */
function listOrNull(list: readonly string[] | undefined): string | null {
  return list && list.length > 0 ? JSON.stringify(list) : null;
}
