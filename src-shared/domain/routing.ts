import type { Presence, Team } from './model.js';

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

/** The team serving a language: exact tag, then its primary subtag, then the first team. */
export function chooseTeam(teams: readonly Team[], language: string): Team | null {
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0];
  const serves = (t: Team, wanted: string | undefined): boolean =>
    t.languages.some((l) => l.toLowerCase() === wanted || l.toLowerCase().split('-')[0] === wanted);
  return teams.find((t) => serves(t, tag)) ?? teams.find((t) => serves(t, primary)) ?? teams[0] ?? null;
}
