import type { Agent, Role } from '../../src-shared/domain/model.js';
import type { EventData } from '../../src-shared/protocol/sync.js';
import type { EventPlacement } from '../storage/port/events.js';

/** Who is looking: enough to decide what they may see and do. */
export interface Viewer {
  agentId: string;
  role: Role;
  teamIds: readonly string[];
}

export function viewerOf(agent: Agent): Viewer {
  return { agentId: agent.id, role: agent.role, teamIds: agent.teamIds };
}

/** An agent holds a conversation that is theirs, or unassigned in one of their teams' queues. */
export function holds(viewer: Viewer, assigneeId: string | null, teamId: string | null): boolean {
  if (assigneeId !== null) return assigneeId === viewer.agentId;
  return teamId !== null && viewer.teamIds.includes(teamId);
}

/**
 * Agents see an event when they held the conversation after it or just before it (so they
 * learn it moved away or left their queue); supervisors see their teams'; admins everything.
 * An erasure reaches everyone in the tenant: any cache may still hold a copy from earlier, and
 * the event carries nothing but the conversation's id. So does an article: the knowledge base is the tenant's.
 * A mention reaches the one colleague it names, and no one else.
 */
export function canSee(viewer: Viewer, event: EventPlacement & { data?: EventData }): boolean {
  if (event.data?.type === 'note.mentioned') return event.data.mentionedId === viewer.agentId;
  if (event.data?.type === 'conversation.erased' || event.data?.type === 'article.saved') return true;
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return inTeams(viewer, event.teamId) || inTeams(viewer, event.previousTeamId);
    case 'agent':
      return (
        holds(viewer, event.assigneeId, event.teamId) ||
        (event.previousTeamId !== null && holds(viewer, event.previousAssigneeId, event.previousTeamId))
      );
  }
}

/** Who may reply to a conversation or change it. */
export function canAct(viewer: Viewer, conversation: { teamId: string; assigneeId: string | null }): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'supervisor':
      return inTeams(viewer, conversation.teamId);
    case 'agent':
      return holds(viewer, conversation.assigneeId, conversation.teamId);
  }
}

function inTeams(viewer: Viewer, teamId: string | null): boolean {
  return teamId !== null && viewer.teamIds.includes(teamId);
}
