import type { RoutingAgent } from '../../src-shared/domain/routing-score.js';
import { WARNING_MS } from '../../src-shared/domain/sla.js';
import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import type { AgentLive, LiveAlert, LiveBoard, QueueLive } from '../../src-shared/protocol/supervisor.js';
import type { RelayCore } from '../relay-core.js';
import { openTeams, routingCandidates } from '../routing/assignment.js';

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

  for (const team of teams) {
    const queued = await core.store.conversations.listQueued(tenantId, [team.id]);
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
      slaAtRisk: atRisk.filter((c) => c.teamId === team.id && (c.sla ? c.sla.breached.length === 0 : false)).length,
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
  return { at: now, queues, agents: [...agents.values()], alerts };
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
