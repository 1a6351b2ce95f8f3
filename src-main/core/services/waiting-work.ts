import type { Notice, WaitingWork } from '../../../src-shared/api/contract.js';
import type { WorkCandidate } from '../../store/waiting-work-store.js';

export interface WorkingAgent {
  id: string;
  teamIds: readonly string[];
}

const OFFERS_LISTED = 20;

/**
 * What waits on the agent: conversations offered to them (until the offer lapses), open ones
 * nobody holds in their teams (unless offered to a colleague), their own whose last word is the
 * customer's, and colleagues' @mentions not yet dismissed. A conversation counts once.
 */
export function countWaitingWork(candidates: readonly WorkCandidate[], notices: readonly Notice[], agent: WorkingAgent, now: number): WaitingWork {
  const teams = new Set(agent.teamIds);
  const offers: WaitingWork['offers'] = [];
  let unassigned = 0;
  let awaitingReply = 0;
  for (const conversation of candidates) {
    const offerLive = conversation.offer !== null && conversation.offer.expiresAt > now;
    if (offerLive && conversation.offer?.agentId === agent.id && conversation.assigneeId === null) {
      offers.push({ conversationId: conversation.id, customerName: conversation.customerName, preview: conversation.lastMessagePreview });
    } else if (conversation.assigneeId === null) {
      if (!offerLive && teams.has(conversation.teamId)) unassigned++;
    } else if (conversation.assigneeId === agent.id && conversation.lastAuthor === 'customer') {
      awaitingReply++;
    }
  }
  const mentions = notices.filter((notice) => notice.kind === 'mentioned').length;
  return {
    offered: offers.length,
    unassigned,
    awaitingReply,
    mentions,
    total: offers.length + unassigned + awaitingReply + mentions,
    offers: offers.slice(0, OFFERS_LISTED),
  };
}

export const NOTHING_WAITING: WaitingWork = { offered: 0, unassigned: 0, awaitingReply: 0, mentions: 0, total: 0, offers: [] };
