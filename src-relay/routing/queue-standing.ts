import type { Conversation } from '../../src-shared/domain/model.js';
import { compareWaiting, estimatedWaitMs, fitOf, type RoutingAgent, type WaitingConversation } from '../../src-shared/domain/routing-score.js';
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
  return new StandingBoard(context, tenantId).standingOf(conversation);
}

/**
 * Standings read together: each team's queue and agents are read once, however many of its
 * customers are asked about (every open chat page, looked at again now and then). The answers
 * are those of `queueStanding` at the time each team was first read.
 */
export class StandingBoard {
  private readonly queues = new Map<string, Promise<WaitingConversation[]>>();
  private readonly candidates = new Map<string, Promise<RoutingAgent[]>>();

  constructor(
    private readonly context: RoutingContext,
    private readonly tenantId: string,
  ) {}

  async standingOf(conversation: Conversation | null): Promise<QueueStanding> {
    if (!conversation || conversation.assigneeId !== null || conversation.status === 'resolved') return { position: null, estimatedWaitMs: null };
    const mine = waitingOf(conversation);
    const queue = await this.queueOf(conversation.teamId);
    const ahead = queue.filter((other) => other.id !== conversation.id && compareWaiting(other, mine) < 0).length;
    const position = ahead + 1;
    const serving = (await this.candidatesOf(conversation.teamId)).filter((agent) => agent.state !== 'offline' && fitOf(agent, mine) > 0).length;
    return { position, estimatedWaitMs: estimatedWaitMs(position, serving, AVERAGE_HANDLE_MS) };
  }

  /** The team's agents as routing sees them (assignment.ts, routingCandidates). */
  candidatesOf(teamId: string): Promise<RoutingAgent[]> {
    let candidates = this.candidates.get(teamId);
    if (!candidates) {
      candidates = routingCandidates(this.context, this.tenantId, teamId);
      this.candidates.set(teamId, candidates);
    }
    return candidates;
  }

  private queueOf(teamId: string): Promise<WaitingConversation[]> {
    let queue = this.queues.get(teamId);
    if (!queue) {
      queue = this.context.store.conversations.listQueued(this.tenantId, [teamId]).then((queued) => queued.map(waitingOf));
      this.queues.set(teamId, queue);
    }
    return queue;
  }
}
