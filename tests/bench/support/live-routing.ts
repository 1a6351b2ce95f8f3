import { performance } from 'node:perf_hooks';
import type { Agent } from '../../../src-shared/domain/model.js';
import { createRelayCore, type RelayCore } from '../../../src-relay/relay-core.js';
import { inCommit, routed } from '../../../src-relay/routing/assignment.js';
import type { RelayStorage } from '../../../src-relay/storage/port/relay-storage.js';
import { applyPush } from '../../../src-relay/sync/push.js';
import { conversationOf, Dice, pickTeam, ROUTING_TENANT, type RoutingFloor } from './routing-traffic.js';

export interface LiveRoutingFigures {
  /** `routed` for a new conversation inside its commit: the team's agents, their loads, the passed-over list. */
  decision_p50_ms: number;
  decision_p99_ms: number;
  /** An agent resolves a conversation (one push, as the desk sends it) and the queue drains to whoever has room, committed. */
  drain_p50_ms: number;
  drain_p99_ms: number;
  /**
   * This process's CPU time (user and system) for the same: on a machine shared by several busy
   * processes the wall time above is mostly waiting for a core. The database server's own time is
   * not in it on PostgreSQL.
   */
  decision_cpu_p99_ms: number;
  drain_cpu_p99_ms: number;
  /** Queued conversations handed out by the drains (each resolve frees one chat). */
  drain_assigned: number;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * The relay's live routing on one storage that holds `floor` (seedFloor, written at `seededAt`):
 * `rounds` rounds of a customer arriving (a routing decision in a real commit) and an agent
 * resolving a chat through a sync push (setStatus, whose rule drains the team's queue).
 */
export async function measureLiveRouting(store: RelayStorage, floor: RoutingFloor, seededAt: number, rounds: number): Promise<LiveRoutingFigures> {
  let clock = seededAt;
  const core = createRelayCore(store, { now: () => clock, tokenTtlMs: 3_600_000, reportError: (where, error) => console.error(where, error) });
  for (const agent of floor.agents) {
    if (!agent.connected) continue;
    core.connected.connect(agent.id);
    if (agent.translation.length > 0) core.connected.translationReported(agent.id, agent.translation);
  }
  const teamIds = floor.teams.map((team) => team.id);
  const queuedBefore = (await store.conversations.listQueued(ROUTING_TENANT, teamIds)).length;
  const dice = new Dice(7);
  const resolvers = new Resolvers(store, floor, dice);
  const decisions: Timed[] = [];
  const drains: Timed[] = [];
  let arrivedQueued = 0;
  // A few rounds first, uncounted: the first queries of each kind plan and warm caches.
  const warmUp = Math.min(20, rounds);
  for (let r = -warmUp; r < rounds; r++) {
    clock += 1_000;
    const decided = await arrive(core, dice, `new-${r + warmUp}`, clock);
    if (decided.queued) arrivedQueued += 1;
    clock += 1_000;
    const drained = await resolvers.resolveOne(core, r + warmUp + 1);
    if (r < 0) continue;
    decisions.push(decided);
    drains.push(drained);
  }
  const queuedAfter = (await store.conversations.listQueued(ROUTING_TENANT, teamIds)).length;
  return {
    decision_p50_ms: round(percentile(decisions.map((d) => d.ms), 50)),
    decision_p99_ms: round(percentile(decisions.map((d) => d.ms), 99)),
    drain_p50_ms: round(percentile(drains.map((d) => d.ms), 50)),
    drain_p99_ms: round(percentile(drains.map((d) => d.ms), 99)),
    decision_cpu_p99_ms: round(percentile(decisions.map((d) => d.cpuMs), 99)),
    drain_cpu_p99_ms: round(percentile(drains.map((d) => d.cpuMs), 99)),
    drain_assigned: queuedBefore + arrivedQueued - queuedAfter,
  };
}

/** A customer writes in: the conversation is routed in the commit that adds it, as customer-chat.ts does. */
interface Timed {
  ms: number;
  cpuMs: number;
}

function timer(): () => Timed {
  const start = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
}

async function arrive(core: RelayCore, dice: Dice, id: string, at: number): Promise<Timed & { queued: boolean }> {
  const { customer, conversation } = conversationOf(dice, id, pickTeam(dice), at);
  const fresh = { ...conversation, createdAt: at, updatedAt: at, lastMessageAt: at };
  return core.commit(ROUTING_TENANT, async (changes) => {
    await changes.store.conversations.insertCustomer(ROUTING_TENANT, { ...customer, createdAt: at });
    const stop = timer();
    const next = await routed(inCommit(core, changes), ROUTING_TENANT, fresh, changes.at);
    const timed = stop();
    await changes.addConversation(next);
    if (next.assigneeId !== null) await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
    return { ...timed, queued: next.assigneeId === null && !next.offer };
  });
}

/** Available agents in turn, each resolving one of the chats they hold. */
class Resolvers {
  private readonly order: string[];
  private next = 0;
  private readonly accounts = new Map<string, Agent>();

  constructor(
    private readonly store: RelayStorage,
    private readonly floor: RoutingFloor,
    dice: Dice,
  ) {
    this.order = [...floor.held.keys()];
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = dice.int(i + 1);
      [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
    }
  }

  /** How long the push took, from the desk's mutation to the drain committed. */
  async resolveOne(core: RelayCore, mutationId: number): Promise<Timed> {
    const agentId = this.order[this.next++ % this.order.length]!;
    const conversationId = this.floor.held.get(agentId)?.pop();
    if (!conversationId) throw new Error(`${agentId} holds no more chats: more rounds than the floor has`);
    const agent = await this.agent(agentId);
    const stop = timer();
    const outcome = await applyPush(core, agent, `desk-${agentId}`, [{ mutationId, body: { kind: 'conversation.setStatus', conversationId, status: 'resolved' } }]);
    const timed = stop();
    if (outcome.rejections.length > 0) throw new Error(`resolve refused: ${JSON.stringify(outcome.rejections)}`);
    return timed;
  }

  private async agent(agentId: string): Promise<Agent> {
    let agent = this.accounts.get(agentId);
    if (!agent) {
      const account = await this.store.accounts.findAgent(agentId);
      if (!account) throw new Error(`no agent ${agentId}`);
      this.accounts.set(agentId, (agent = account.agent));
    }
    return agent;
  }
}
