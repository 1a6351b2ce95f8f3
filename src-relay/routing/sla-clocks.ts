import type { ConversationStatus, Conversation, SlaClock, Team } from '../../src-shared/domain/model.js';
import { agentReplied, customerWrote, newBreaches, policyFor, resolved, startClock, type Priority } from '../../src-shared/domain/sla.js';
import type { ChangeSet, Commit } from '../log/change-set.js';
import { repeatForTenants, type TenantTimerHost } from '../repeating.js';
import type { RelayStorage } from '../storage/port/relay-storage.js';
import type { HolidayCalendars } from './holidays.js';
import { calendarOf } from './team-hours.js';

/** VIP customers get the policies for high priority. */
export function priorityOf(conversation: Pick<Conversation, 'vip'>): Priority {
  return conversation.vip ? 'high' : 'normal';
}

/**
 * The clock after a customer message, read in the message's commit: started by the first under
 * the policy that matches, moved on by later ones. `teams`: the tenant's teams when the commit has
 * read them already (a new conversation's), so that they are not read again.
 */
export async function slaOnCustomerMessage(
  holidays: HolidayCalendars,
  changes: ChangeSet,
  conversation: Conversation,
  at: number,
  teams?: readonly Team[],
): Promise<SlaClock | null> {
  const policies = await changes.store.sla.listPolicies(changes.tenantId);
  const subject = { channel: conversation.channel, market: conversation.market, priority: priorityOf(conversation) };
  const team = (teams ?? (await changes.store.accounts.listTeams(changes.tenantId))).find((t) => t.id === conversation.teamId);
  const calendar = calendarOf(team?.schedule, holidays);
  const clock = conversation.sla ?? null;
  if (!clock) {
    const policy = policyFor(policies, subject);
    return policy ? startClock(policy, calendar, at) : null;
  }
  const policy = policies.find((p) => p.id === clock.policyId) ?? policyFor(policies, subject);
  return policy ? customerWrote(clock, policy, calendar, at) : clock;
}

export function slaOnReply(clock: SlaClock | null | undefined, at: number): SlaClock | null {
  return clock ? agentReplied(clock, at) : null;
}

export function slaOnStatus(clock: SlaClock | null | undefined, status: ConversationStatus): SlaClock | null {
  if (!clock) return null;
  return status === 'resolved' ? resolved(clock) : clock;
}

/** Marks the targets that fell due as breached (the conversation's event tells every desk) and keeps each breach for reports. */
export async function recordBreaches(changes: ChangeSet): Promise<number> {
  let told = 0;
  for (const conversation of await changes.store.conversations.listSlaDue(changes.tenantId, changes.at)) {
    const clock = conversation.sla;
    if (!clock) continue;
    const missed = newBreaches(clock, changes.at);
    if (missed.length === 0) continue;
    const dueOf = { first_response: clock.firstResponseDueAt, next_response: clock.nextResponseDueAt, resolution: clock.resolutionDueAt };
    for (const target of missed) {
      await changes.store.sla.insertBreach(changes.tenantId, {
        conversationId: conversation.id,
        target,
        dueAt: dueOf[target] ?? changes.at,
        breachedAt: changes.at,
        teamId: conversation.teamId,
        channel: conversation.channel,
        market: conversation.market,
      });
    }
    await changes.changeConversation(conversation, { ...conversation, sla: { ...clock, breached: [...clock.breached, ...missed] }, updatedAt: changes.at });
    told += missed.length;
  }
  return told;
}

/** Every `intervalMs`, each tenant's targets that fell due are told as breaches, by the node that holds the tenant's lease. */
export function scheduleSlaChecks(core: TenantTimerHost & { store: RelayStorage; commit: Commit }, intervalMs = 30_000): () => void {
  return repeatForTenants(core, intervalMs, 'SLA check', (tenantId) => core.commit(tenantId, recordBreaches));
}
