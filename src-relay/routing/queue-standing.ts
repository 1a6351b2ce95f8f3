import { compareWaiting, estimatedWaitMs, fitOf } from '../../src-shared/domain/routing-score.js';
import { routingCandidates, type RoutingContext } from './assignment.js';
import { waitingOf } from './queue-order.js';

/** Until reports give a measured one: the time an agent spends on a chat, on average. */
export const AVERAGE_HANDLE_MS = 6 * 60_000;

export interface QueueStanding {
  /** 1 for the next in line; null once an agent has it (or it is resolved). */
  position: number | null;
  /** Null when no agent who could serve it is signed in. */
  estimatedWaitMs: number | null;
}

/** Where a waiting customer stands in their team's queue, in the order routing hands it out. */
export async function queueStanding(context: RoutingContext, tenantId: string, conversationId: string): Promise<QueueStanding> {
  const conversation = await context.store.conversations.findConversation(tenantId, conversationId);
  if (!conversation || conversation.assigneeId !== null || conversation.status === 'resolved') return { position: null, estimatedWaitMs: null };
  const mine = waitingOf(conversation);
  const ahead = (await context.store.conversations.listQueued(tenantId, [conversation.teamId])).filter(
    (other) => other.id !== conversation.id && compareWaiting(waitingOf(other), mine) < 0,
  ).length;
  const position = ahead + 1;
  const serving = (await routingCandidates(context, tenantId, conversation.teamId)).filter((agent) => agent.state !== 'offline' && fitOf(agent, mine) > 0).length;
  return { position, estimatedWaitMs: estimatedWaitMs(position, serving, AVERAGE_HANDLE_MS) };
}
