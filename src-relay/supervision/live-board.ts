import type { RoutingAgent } from '../../src-shared/domain/routing-score.js';
import { WARNING_MS } from '../../src-shared/domain/sla.js';
import type { Agent, Channel, Conversation } from '../../src-shared/domain/model.js';
import type { AgentLive, ChannelLive, LiveAlert, LiveBoard, QueueLive } from '../../src-shared/protocol/supervisor.js';
import type { ActiveCount } from '../storage/port/conversations.js';
import type { RelayCore } from '../relay-core.js';
import { openTeams, routingCandidates } from '../routing/assignment.js';
import { flaggedReplies } from './flagged-replies.js';

/** The supervisor's teams (an administrator's: all) as they stand now: queues, agents (`onCall`: talking on a web call), alerts. */
export async function liveBoard(core: RelayCore, viewer: Agent, onCall: ReadonlySet<string> = new Set()): Promise<LiveBoard> {
  const now = core.now();
  const tenantId = viewer.tenantId;
  const teams = (await core.store.accounts.listTeams(tenantId)).filter((team) => viewer.role === 'admin' || viewer.teamIds.includes(team.id));
  const working = new Set(await openTeams(core, tenantId, now));
  const inTeams = (c: Conversation) => teams.some((team) => team.id === c.teamId);
  const atRisk = (await core.store.conversations.listSlaDue(tenantId, now + WARNING_MS)).filter((c) => inTeams(c) && c.status !== 'resolved');
  const breached = (await core.store.conversations.listBreachedOpen(tenantId)).filter(inTeams);
  const agents = new Map<string, AgentLive>();
  const queues: QueueLive[] = [];
  const alerts: LiveAlert[] = [];
  const talkingElsewhere = core.connected.talkingElsewhere();
  const waiting: Conversation[] = [];

  for (const team of teams) {
    const queued = await core.store.conversations.listQueued(tenantId, [team.id]);
    waiting.push(...queued);
    const candidates = await routingCandidates(core, tenantId, team.id);
    const availableByLanguage: Record<string, number> = {};
    for (const agent of candidates) {
      if (agent.state === 'available') for (const language of agent.languages) availableByLanguage[language] = (availableByLanguage[language] ?? 0) + 1;
      const known = agents.get(agent.id);
      if (known) known.teamIds.push(team.id);
      else agents.set(agent.id, { ...(await agentLive(core, agent, team.id, now)), onCall: onCall.has(agent.id) || talkingElsewhere.has(agent.id) });
    }
    const oldest = queued.reduce<number | null>((min, c) => (min === null || c.createdAt < min ? c.createdAt : min), null);
    queues.push({
      teamId: team.id,
      teamName: team.name,
      open: working.has(team.id),
      waiting: queued.length,
      longestWaitMs: oldest === null ? null : Math.max(0, now - oldest),
      slaAtRisk: atRisk.filter((c) => c.teamId === team.id && notBreached(c)).length,
      slaBreached: breached.filter((c) => c.teamId === team.id).length,
      availableByLanguage,
    });
    if (working.has(team.id) && queued.length > 0 && Object.keys(availableByLanguage).length === 0) {
      alerts.push({ kind: 'no_agents', teamId: team.id, conversationId: null, customerName: null });
    }
  }
  for (const c of breached) alerts.push({ kind: 'sla_breached', teamId: c.teamId, conversationId: c.id, customerName: c.customerName });
  for (const c of atRisk) {
    if (!breached.some((b) => b.id === c.id)) alerts.push({ kind: 'sla_at_risk', teamId: c.teamId, conversationId: c.id, customerName: c.customerName });
  }
  const active = await core.store.conversations.countActive(tenantId, teams.map((team) => team.id));
  const channels = byChannel(now, { waiting, active, atRisk: atRisk.filter(notBreached), breached });
  return { at: now, queues, channels, agents: [...agents.values()], alerts, flaggedReplies: await flaggedReplies(core, tenantId, now, inTeams) };
}

/** At risk and not missed yet: a missed target is counted as breached, not twice. */
function notBreached(conversation: Conversation): boolean {
  return conversation.sla ? conversation.sla.breached.length === 0 : false;
}

/** The board's conversations by channel, for the channels with one waiting or held; most busy first. */
function byChannel(now: number, of: { waiting: Conversation[]; active: ActiveCount[]; atRisk: Conversation[]; breached: Conversation[] }): ChannelLive[] {
  const rows = new Map<Channel, ChannelLive>();
  const row = (channel: Channel) =>
    rows.get(channel) ?? rows.set(channel, { channel, waiting: 0, active: 0, longestWaitMs: null, slaAtRisk: 0, slaBreached: 0 }).get(channel)!;
  for (const c of of.waiting) {
    const each = row(c.channel);
    each.waiting += 1;
    each.longestWaitMs = Math.max(each.longestWaitMs ?? 0, now - c.createdAt, 0);
  }
  for (const { channel, count } of of.active) row(channel).active += count;
  for (const c of of.atRisk) row(c.channel).slaAtRisk += 1;
  for (const c of of.breached) row(c.channel).slaBreached += 1;
  return [...rows.values()].sort((a, b) => b.waiting + b.active - (a.waiting + a.active) || a.channel.localeCompare(b.channel));
}

async function agentLive(core: RelayCore, agent: RoutingAgent, teamId: string, now: number): Promise<AgentLive> {
  const since = core.connected.changedAt(agent.id);
  const account = await core.store.accounts.findAgent(agent.id);
  return {
    id: agent.id,
    name: account?.agent.name ?? agent.id,
    teamIds: [teamId],
    languages: [...agent.languages],
    state: agent.state,
    reason: agent.state === 'away' ? (account?.presenceReason ?? null) : null,
    inStateMs: since === null ? null : Math.max(0, now - since),
    // Load is counted for everyone here, not only for those routing could pick.
    load: await core.store.accounts.openLoadByKind(agent.id),
    capacity: agent.capacity,
    onCall: false,
  };
}
