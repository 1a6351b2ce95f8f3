import type { Conversation } from '../../src-shared/domain/model.js';
import { languageFit, type RoutingAgent } from '../../src-shared/domain/routing-score.js';
import { routingCandidates, type RoutingContext } from './assignment.js';

/**
 * Whether the chat page may tell this customer "We reply in your language": its assignee writes
 * the language or has a model each way on the desk they are signed in at; before anyone has it,
 * someone of its team at work (not offline) does. Nothing is promised for an assignee whose desk
 * is not connected: what it can translate is not known.
 */
export async function repliesInCustomerLanguage(
  context: RoutingContext,
  tenantId: string,
  conversation: Conversation,
  /** The team's agents as routing sees them, when they were read already. */
  candidatesOf: (teamId: string) => Promise<RoutingAgent[]> = (teamId) => routingCandidates(context, tenantId, teamId),
): Promise<boolean> {
  if (conversation.assigneeId === null) {
    const candidates = await candidatesOf(conversation.teamId);
    return candidates.some((agent) => agent.state !== 'offline' && languageFit(agent, conversation.language) > 0);
  }
  const account = await context.store.accounts.findAgent(conversation.assigneeId);
  if (!account) return false;
  const routing = await context.store.accounts.routingOf(conversation.assigneeId);
  const languages = routing?.languages ?? [account.agent.language];
  const translation = routing?.translates === false ? [] : context.connected.translationOf(conversation.assigneeId);
  return languageFit({ languages, translation }, conversation.language) > 0;
}
