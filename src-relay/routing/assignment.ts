import type { Conversation, Team } from '../../src-shared/domain/model.js';
import { bestAgentFor, type Capacity, type RoutingAgent, type WorkKind } from '../../src-shared/domain/routing-score.js';
import type { ChangeSet, Commit } from '../log/change-set.js';
import { isOpen } from '../../src-shared/domain/business-time.js';
import type { DeskPresence } from '../presence/connected-agents.js';
import type { RelayCore } from '../relay-core.js';
import { repeatForTenants, type TenantTimerHost } from '../repeating.js';
import type { RelayRepositories, RelayStorage } from '../storage/port/relay-storage.js';
import { DrainRoster, routingAgentOf } from './drain-roster.js';
import { kindsWaiting, queuePages, waitingOf } from './queue-order.js';
import type { HolidayCalendars } from './holidays.js';
import { calendarOf } from './team-hours.js';

/** What routing reads: the stored agents (inside a commit, through its transaction), who is connected right now, and the calendars. */
export interface RoutingContext {
  store: RelayRepositories;
  connected: DeskPresence;
  holidays: HolidayCalendars;
}

/** What routing needs of the relay besides its storage. */
export type RoutingLive = Pick<RelayCore, 'connected' | 'holidays'>;

/** Routing inside a commit: it reads what the commit has written so far, in its transaction. */
export function inCommit(live: RoutingLive, changes: ChangeSet): RoutingContext {
  return { store: changes.store, connected: live.connected, holidays: live.holidays };
}

/**
 * The team's agents (not supervisors or admins) as routing sees them; loads are read inside the
 * transaction. Two indexed queries whatever the team's size: this runs for every new conversation,
 * so it must neither list the whole tenant nor ask for each agent's load on its own (a team of
 * hundreds cost hundreds of round trips).
 */
export async function routingCandidates({ store, connected }: RoutingContext, tenantId: string, teamId: string): Promise<RoutingAgent[]> {
  const agents = (await store.accounts.listRoutable(tenantId, teamId)).map((agent) => ({ agent, state: connected.effective(agent.agentId, agent.chosenPresence) }));
  // Only an available agent can be picked, so only theirs is worth counting.
  const available = agents.filter(({ state }) => state === 'available').map(({ agent }) => agent.agentId);
  const loads = available.length > 0 ? await store.accounts.openLoadsByKind(available) : new Map<string, Capacity>();
  return agents.map(({ agent, state }) => routingAgentOf(agent, state, loads.get(agent.agentId) ?? { call: 0, chat: 0, email: 0 }, connected.translationOf(agent.agentId)));
}

/**
 * The agent of the conversation's team to give it to: language, skill, then longest idle, leaving
 * out who let an offer of it pass; null if no one can take it now.
 */
export async function chooseAssignee(context: RoutingContext, tenantId: string, conversation: Conversation): Promise<string | null> {
  const passed = new Set(await context.store.conversations.passedOver(conversation.id));
  const waiting = waitingOf(conversation);
  return bestAgentFor(waiting, await readyCandidates(context, tenantId, conversation.teamId, waiting.kind), passed)?.id ?? null;
}

/**
 * The team's agents who could take this kind of work now, as routing sees them: those who chose
 * to be available and have room, as stored (the database keeps each agent's load), then only the
 * connected ones. bestAgentFor passes over everyone else, so its choice is that of the whole team
 * (routingCandidates) without reading and counting for hundreds of agents at every decision.
 */
async function readyCandidates({ store, connected }: RoutingContext, tenantId: string, teamId: string, kind: WorkKind): Promise<RoutingAgent[]> {
  const ready = await store.accounts.listReadyOfTeams(tenantId, [teamId], [kind], []);
  return ready.map((agent) => routingAgentOf(agent, connected.effective(agent.agentId, agent.chosenPresence), agent.load, connected.translationOf(agent.agentId)));
}

/**
 * The conversation as routing leaves it: offered to the best agent now (tenants with offers), or
 * given to them at once, or unchanged when no one can take it. Nothing is written here.
 */
export async function routed(context: RoutingContext, tenantId: string, conversation: Conversation, at: number): Promise<Conversation> {
  const agentId = await chooseAssignee(context, tenantId, conversation);
  if (agentId === null) return conversation;
  return routedTo(conversation, agentId, await context.store.accounts.offerTimeoutMs(tenantId), at);
}

/** Offered to the agent when the tenant has an offer timeout, else given to them at once. */
function routedTo(conversation: Conversation, agentId: string, offerTimeoutMs: number | null, at: number): Conversation {
  if (offerTimeoutMs === null) return { ...conversation, assigneeId: agentId, offer: null };
  return { ...conversation, offer: { agentId, expiresAt: at + offerTimeoutMs } };
}

/** Writes what `routed` decided for a stored conversation; true if it changed. */
async function route(live: RoutingLive, changes: ChangeSet, conversation: Conversation): Promise<boolean> {
  const next = await routed(inCommit(live, changes), changes.tenantId, conversation, changes.at);
  if (next === conversation) return false;
  await writeRouting(changes, conversation, next);
  return true;
}

async function writeRouting(changes: ChangeSet, conversation: Conversation, next: Conversation): Promise<void> {
  await changes.changeConversation(conversation, { ...next, updatedAt: changes.at });
  if (next.assigneeId !== null) await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
}

/** Offers nobody took in time move on to the next agent; the one who let it lapse is not asked again. */
export async function moveLapsedOffers(live: RoutingLive, changes: ChangeSet): Promise<number> {
  let moved = 0;
  for (const conversation of await changes.store.conversations.listOffersLapsed(changes.tenantId, changes.at)) {
    if (conversation.offer) await changes.store.conversations.addPassedOver(conversation.id, conversation.offer.agentId);
    const withdrawn = { ...conversation, offer: null };
    if (!(await route(live, changes, withdrawn))) await changes.changeConversation(conversation, { ...withdrawn, updatedAt: changes.at });
    moved += 1;
  }
  return moved;
}

/** Gives a conversation to an agent (or back to its team queue with null) and logs it. */
export async function assign(changes: ChangeSet, conversation: Conversation, assigneeId: string | null): Promise<Conversation> {
  const next = { ...conversation, assigneeId, updatedAt: changes.at };
  await changes.changeConversation(conversation, next);
  if (assigneeId !== null) await changes.store.accounts.markAssigned(assigneeId, changes.at);
  return next;
}

/**
 * Hands out the queued conversations of these teams, most urgent first, one at a time by the
 * same rule as a new conversation, until no one has room. What the decisions read is loaded once
 * for the whole drain (DrainRoster): a sign-in drains hundreds of conversations in one commit, and
 * reading per conversation cost thousands of round trips on PostgreSQL. Only the agents who could
 * take a kind of work that waits are read (an index of the available with room). The queue itself
 * is read from its head, per team and kind, a page at a time, only while someone has room for that
 * kind of work: an agent who frees up takes one of the first few of thousands. Where those who
 * could be given work serve a few languages, only those languages' queues are read.
 */
export async function drainQueue(live: RoutingLive, changes: ChangeSet, teamIds: readonly string[]): Promise<number> {
  const working = (await openTeams(inCommit(live, changes), changes.tenantId, changes.at)).filter((id) => teamIds.includes(id));
  if (working.length === 0) return 0;
  const kinds = await kindsWaiting(changes.store, changes.tenantId, working);
  if (kinds.length === 0) return 0;
  const roster = await DrainRoster.load(changes.store, live.connected, changes.tenantId, working, kinds, changes.at);
  let assigned = 0;
  for await (const page of queuePages(changes.store, changes.tenantId, working, () => roster.kindsWithRoom(), { waiting: kinds, served: (teamId, kind) => roster.languagesFor(teamId, kind) })) {
    roster.notePassedOver(await changes.store.conversations.passedOverOf(page.map(({ conversation }) => conversation.id)));
    for (const { conversation, waiting } of page) {
      // An offer still open waits for its agent's answer.
      if (conversation.offer && conversation.offer.expiresAt > changes.at) continue;
      const agentId = roster.assigneeFor(waiting, conversation.teamId);
      if (agentId === null) continue;
      const next = routedTo(conversation, agentId, roster.offerTimeoutMs, changes.at);
      await writeRouting(changes, conversation, next);
      roster.record(conversation, next, changes.at);
      assigned += 1;
    }
  }
  return assigned;
}

/** Teams of the tenant working at `at`; a closed team's queue waits for its opening even with agents online. */
export async function openTeams(context: Pick<RoutingContext, 'store' | 'holidays'>, tenantId: string, at: number): Promise<string[]> {
  return (await context.store.accounts.listTeams(tenantId)).filter((team) => isWorking(team, context.holidays, at)).map((team) => team.id);
}

/** Whether the team works at `at` by its hours and holidays (always, without hours). */
export function isWorking(team: Pick<Team, 'schedule'>, holidays: HolidayCalendars, at: number): boolean {
  const calendar = calendarOf(team.schedule, holidays);
  return calendar === null || isOpen(calendar, at);
}

/** What the timers below need: the relay's storage (to list tenants), its leases, routing's live parts, the commit, where failures go. */
type RoutingTimers = RoutingLive & TenantTimerHost & { store: RelayStorage; commit: Commit };

/**
 * Every minute, the queues of the teams that are working are handed out: a team that just opened
 * starts on what waited. Like the offers below, each tenant's on one node of a cluster at a time.
 */
export function scheduleQueueDraining(core: RoutingTimers, intervalMs = 60_000): () => void {
  return everyTenant(core, intervalMs, 'queue draining', async (changes) => drainQueue(core, changes, await openTeams(inCommit(core, changes), changes.tenantId, changes.at)));
}

/** Every couple of seconds, lapsed offers move on. */
export function scheduleOfferExpiry(core: RoutingTimers, intervalMs = 2_000): () => void {
  return everyTenant(core, intervalMs, 'offer expiry', (changes) => moveLapsedOffers(core, changes));
}

function everyTenant(core: RoutingTimers, intervalMs: number, purpose: string, work: (changes: ChangeSet) => Promise<unknown>): () => void {
  return repeatForTenants(core, intervalMs, purpose, (tenantId) => core.commit(tenantId, work));
}
