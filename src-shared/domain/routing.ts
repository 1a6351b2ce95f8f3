import type { Presence } from './model.js';

export interface RoutingCandidate {
  agentId: string;
  presence: Presence;
  teamIds: readonly string[];
  /** Conversations the agent holds that are not resolved. */
  openLoad: number;
  /** When the agent last got a conversation; the longest idle wins a tie. */
  lastAssignedAt: number;
}

/**
 * First routing rule: an available agent of the conversation's team, least loaded first,
 * ties to whoever waited longest, then by id so the choice is deterministic.
 */
export function pickAssignee(candidates: readonly RoutingCandidate[], teamId: string): string | null {
  let best: RoutingCandidate | null = null;
  for (const c of candidates) {
    if (c.presence !== 'available' || !c.teamIds.includes(teamId)) continue;
    if (best === null || compareCandidates(c, best) < 0) best = c;
  }
  return best?.agentId ?? null;
}

function compareCandidates(a: RoutingCandidate, b: RoutingCandidate): number {
  return a.openLoad - b.openLoad || a.lastAssignedAt - b.lastAssignedAt || a.agentId.localeCompare(b.agentId);
}
