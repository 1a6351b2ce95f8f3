import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import { bestAgentFor } from '../../src-shared/domain/routing-score.js';
import type { AgentCallFrame, CallRingTransfer, CallSignal, CallTransferTarget, IceServer, RelayCallFrame, WebCallEnd } from '../../src-shared/protocol/voice.js';
import type { WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { RelayCore } from '../relay-core.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';
import { repeatEvery } from '../repeating.js';
import { assign, routingCandidates } from '../routing/assignment.js';
import { waitingOf } from '../routing/queue-order.js';

/** How long one agent's desks ring before the call moves on to the next agent. */
export const RING_MS = 30_000;
/** How long a call waits in line for a free agent before the customer is asked to write instead. */
export const CALL_WAIT_MS = 120_000;
/** How often waiting calls look for a free agent besides the moments one frees up. */
const WAITING_CHECK_MS = 2_000;

/** The customer's chat socket, for one conversation. */
export interface VisitorLine {
  readonly tenantId: string;
  readonly conversationId: string;
  send(frame: WebchatServerFrame): void;
}

/** One of an agent's desks (a sync connection). */
export interface AgentLine {
  readonly agent: Agent;
  send(frame: RelayCallFrame): void;
}

/** Whom a ring may move on to: the conversation's own agent and then its team, or a transfer's target. */
type RingScope = 'conversation' | CallTransferTarget;

/** One agent's desks ringing for a call. */
interface Ring {
  agentId: string;
  timer: NodeJS.Timeout;
  scope: RingScope;
  /** Who let this call pass (declined, rang out) and who transfers it: not rung again. */
  passed: Set<string>;
  /** Shown on the ringing desks when a colleague transfers the call. */
  transfer: CallRingTransfer | null;
}

interface WebCall {
  id: string;
  visitor: VisitorLine;
  /** The desk talking with the customer; null until the first answer and while a blind transfer rings. */
  desk: AgentLine | null;
  /** The agent ringing now, if any; beside `desk` while a warm transfer rings. */
  ring: Ring | null;
  /** Since when the call waits in line for a free agent; null once it rings. */
  waitingSince: number | null;
}

type TransferFrame = Extract<AgentCallFrame, { type: 'call.transfer' }>;

/**
 * The switchboard for web calls: rings agents' desks one agent at a time, then passes negotiation
 * between the customer's page and the one desk that answered, and moves the call to a colleague
 * or a team on transfer. Nothing is stored: a call that loses either side ends, and each desk
 * writes its part of the call into the timeline when it is wrapped up.
 *
 * What happens to calls happens one thing at a time (`inTurn`): a frame, a ring running out, the
 * waiting check. Each may read the storage, and none may see the calls half-changed by another.
 */
export class WebCalls {
  private readonly calls = new Map<string, WebCall>();
  private readonly stopWaitingChecks: () => void;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly core: RelayCore,
    private readonly desksOf: (agentId: string) => AgentLine[],
    private readonly ringMs = RING_MS,
    private readonly waitMs = CALL_WAIT_MS,
    private readonly iceServers: IceServer[] = [],
  ) {
    this.stopWaitingChecks = repeatEvery(WAITING_CHECK_MS, 'waiting web calls', core.reportError, () => this.serveWaiting());
  }

  /** The customer pressed Call: ring the agent of the conversation, or the best free one of its team. */
  start(visitor: VisitorLine, callId: string): Promise<void> {
    return this.inTurn('call start', () => this.startNow(visitor, callId));
  }

  /**
   * Calls waiting in line, oldest first, ring whoever is free now; those that waited too long end
   * as no-agent. Runs every few seconds and whenever an agent may have freed up.
   */
  serveWaiting(): Promise<void> {
    return this.inTurn('waiting calls', () => this.serveWaitingNow());
  }

  fromVisitor(visitor: VisitorLine, frame: { type: 'call.signal'; callId: string; signal: CallSignal } | { type: 'call.hangup'; callId: string }): Promise<void> {
    return this.inTurn('customer call frame', () => this.fromVisitorNow(visitor, frame));
  }

  fromDesk(desk: AgentLine, frame: AgentCallFrame): Promise<void> {
    return this.inTurn('desk call frame', () => this.fromDeskNow(desk, frame));
  }

  visitorGone(visitor: VisitorLine): Promise<void> {
    return this.inTurn('customer gone', async () => {
      const call = this.callOf(visitor);
      if (call) await this.end(call, 'hangup');
    });
  }

  /** Called once the desk's connection is gone, so `desksOf` no longer lists it. */
  deskGone(desk: AgentLine): Promise<void> {
    return this.inTurn('desk gone', async () => {
      for (const call of [...this.calls.values()]) {
        if (call.desk === desk) await this.end(call, 'failed');
        else if (call.ring?.agentId === desk.agent.id && this.desksOf(desk.agent.id).length === 0) await this.passOn(call, 'missed');
      }
    });
  }

  /** Resolves once everything queued so far has happened. */
  idle(): Promise<void> {
    return this.turn;
  }

  stop(): void {
    this.stopWaitingChecks();
    for (const call of this.calls.values()) if (call.ring) clearTimeout(call.ring.timer);
    this.calls.clear();
  }

  /** Runs `work` after everything queued before it; a failure is reported, and the next turn runs all the same. */
  private inTurn(what: string, work: () => Promise<void>): Promise<void> {
    const run = this.turn.then(work).catch((error: unknown) => this.core.reportError(`web calls: ${what}`, error));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async startNow(visitor: VisitorLine, callId: string): Promise<void> {
    if (this.calls.has(callId) || this.callOf(visitor)) {
      visitor.send({ type: 'call.ended', callId, reason: 'failed' });
      return;
    }
    const conversation = await this.conversationOf(visitor);
    if (!conversation) {
      visitor.send({ type: 'call.ended', callId, reason: 'no-agent' });
      return;
    }
    const call: WebCall = { id: callId, visitor, desk: null, ring: null, waitingSince: this.core.now() };
    this.calls.set(callId, call);
    if (!(await this.ringFirst(call, conversation))) visitor.send({ type: 'call.waiting', callId });
  }

  private async serveWaitingNow(): Promise<void> {
    for (const call of [...this.calls.values()]) {
      if (call.waitingSince === null) continue;
      const conversation = await this.conversationOf(call.visitor);
      if (conversation && (await this.ringFirst(call, conversation))) continue;
      if (!conversation || this.core.now() - call.waitingSince >= this.waitMs) await this.end(call, 'no-agent');
    }
  }

  /** Rings the best agent for a call that waits; false when no one is free. */
  private async ringFirst(call: WebCall, conversation: Conversation): Promise<boolean> {
    const passed = new Set<string>();
    const agentId = await this.nextAgent(call.visitor.tenantId, conversation, 'conversation', passed);
    if (agentId === null) return false;
    call.waitingSince = null;
    this.ring(call, conversation, { agentId, scope: 'conversation', passed, transfer: null });
    call.visitor.send({ type: 'call.ringing', callId: call.id });
    return true;
  }

  private async fromVisitorNow(visitor: VisitorLine, frame: { type: 'call.signal'; callId: string; signal: CallSignal } | { type: 'call.hangup'; callId: string }): Promise<void> {
    const call = this.calls.get(frame.callId);
    if (!call || call.visitor !== visitor) return;
    if (frame.type === 'call.hangup') await this.end(call, 'hangup');
    else call.desk?.send({ type: 'call.signal', callId: call.id, signal: frame.signal });
  }

  private async fromDeskNow(desk: AgentLine, frame: AgentCallFrame): Promise<void> {
    const call = this.calls.get(frame.callId);
    if (!call) return;
    if (call.desk === desk) await this.fromCallDesk(call, desk, frame);
    else if (call.ring?.agentId === desk.agent.id) await this.fromRingingDesk(call, desk, frame);
  }

  private async fromCallDesk(call: WebCall, desk: AgentLine, frame: AgentCallFrame): Promise<void> {
    switch (frame.type) {
      case 'call.signal':
        call.visitor.send({ type: 'call.signal', callId: call.id, signal: frame.signal });
        return;
      case 'call.hold':
        call.visitor.send({ type: 'call.held', callId: call.id, held: frame.held });
        return;
      case 'call.hangup':
        await this.end(call, 'hangup');
        return;
      case 'call.transfer':
        await this.transfer(call, desk, frame);
        return;
      case 'call.answer':
      case 'call.decline':
        // Only a ringing desk answers or declines.
        return;
    }
  }

  private async fromRingingDesk(call: WebCall, desk: AgentLine, frame: AgentCallFrame): Promise<void> {
    if (frame.type === 'call.answer') await this.answer(call, desk);
    // Hanging up a call that only rings here lets it pass, as declining does.
    else if (frame.type === 'call.decline' || frame.type === 'call.hangup') await this.passOn(call, 'declined');
  }

  private async answer(call: WebCall, desk: AgentLine): Promise<void> {
    const ring = call.ring;
    if (!ring) return;
    this.stopRinging(call, 'answered-elsewhere', desk);
    // A warm transfer: the desk that held the customer hands over now.
    call.desk?.send({ type: 'call.ended', callId: call.id, reason: 'transferred' });
    call.desk = desk;
    if (ring.transfer) await this.handOver(call, desk.agent, teamOf(ring.scope));
    else await this.takeIfQueued(call, desk.agent);
    call.visitor.send({ type: 'call.answered', callId: call.id, agentName: desk.agent.name, iceServers: this.iceServers });
  }

  /**
   * The desk with the call passes it to a colleague or a team. Blind: that desk leaves now and
   * the customer waits in silence. Warm: that desk keeps the customer until the target answers;
   * "warm" here means the target reads the note while it rings, not a spoken consultation
   * (the relay cannot connect the two agents to each other yet).
   */
  private async transfer(call: WebCall, desk: AgentLine, frame: TransferFrame): Promise<void> {
    const chosen = await this.transferTarget(call, desk.agent, frame.target);
    if ('refusal' in chosen) {
      desk.send({ type: 'call.transfer-failed', callId: call.id, reason: chosen.refusal });
      return;
    }
    if (frame.mode === 'blind') {
      call.desk = null;
      desk.send({ type: 'call.ended', callId: call.id, reason: 'transferred' });
      call.visitor.send({ type: 'call.transferring', callId: call.id });
    }
    const transfer = { fromName: desk.agent.name, note: frame.note ?? '', mode: frame.mode };
    this.ring(call, chosen.conversation, { agentId: chosen.agentId, scope: frame.target, passed: new Set([desk.agent.id]), transfer });
  }

  /** The agent a transfer rings first, or why it cannot ring anyone, in words for the transferring agent. */
  private async transferTarget(call: WebCall, from: Agent, target: CallTransferTarget): Promise<{ agentId: string; conversation: Conversation } | { refusal: string }> {
    if (call.ring) return { refusal: 'This call is already being transferred.' };
    const conversation = await this.conversationOf(call.visitor);
    if (!conversation) return { refusal: 'The conversation of this call is gone.' };
    const chosen = 'agentId' in target ? await this.colleagueToRing(from, target.agentId) : await this.teamAgentToRing(from, target.teamId, conversation);
    return 'refusal' in chosen ? chosen : { ...chosen, conversation };
  }

  private async colleagueToRing(from: Agent, agentId: string): Promise<{ agentId: string } | { refusal: string }> {
    if (agentId === from.id) return { refusal: 'You cannot transfer a call to yourself.' };
    const colleague = (await this.core.store.accounts.findAgent(agentId))?.agent;
    if (!colleague || colleague.tenantId !== from.tenantId) return { refusal: 'There is no such colleague.' };
    if (!this.reachable(agentId)) return { refusal: `${colleague.name} is not connected.` };
    if (this.agentsOnCalls().has(agentId)) return { refusal: `${colleague.name} is on another call.` };
    return { agentId };
  }

  private async teamAgentToRing(from: Agent, teamId: string, conversation: Conversation): Promise<{ agentId: string } | { refusal: string }> {
    const team = (await this.core.store.accounts.listTeams(from.tenantId)).find((candidate) => candidate.id === teamId);
    if (!team) return { refusal: 'There is no such team.' };
    const agentId = await this.bestOfTeam(from.tenantId, teamId, conversation, new Set([from.id, ...this.agentsOnCalls()]));
    return agentId === null ? { refusal: `No one in ${team.name} is free to take a call.` } : { agentId };
  }

  /** The rung agent declined or let it ring out: the next one rings; with no one left the call ends, or a warm transfer fails back. */
  private async passOn(call: WebCall, why: 'declined' | 'missed'): Promise<void> {
    const ring = call.ring;
    if (!ring || this.calls.get(call.id) !== call) return;
    this.stopRinging(call, why);
    ring.passed.add(ring.agentId);
    const conversation = await this.conversationOf(call.visitor);
    const next = conversation ? await this.nextAgent(call.visitor.tenantId, conversation, ring.scope, ring.passed) : null;
    if (conversation && next !== null) this.ring(call, conversation, { ...ring, agentId: next });
    else if (call.desk) call.desk.send({ type: 'call.transfer-failed', callId: call.id, reason: why === 'declined' ? 'The transfer was declined.' : 'No one answered the transfer.' });
    else await this.end(call, ring.transfer ? 'missed' : why);
  }

  private ring(call: WebCall, conversation: Conversation, ring: Omit<Ring, 'timer'>): void {
    const timer = setTimeout(() => void this.inTurn('ring ran out', () => this.passOn(call, 'missed')), this.ringMs);
    timer.unref();
    call.ring = { ...ring, timer };
    const { id: conversationId, customerName, language } = conversation;
    const frame = { type: 'call.ring' as const, callId: call.id, conversationId, customerName, language, transfer: ring.transfer ?? undefined, iceServers: this.iceServers };
    for (const desk of this.desksOf(ring.agentId)) desk.send(frame);
  }

  /** The ringing agent's desks stop ringing (all but `except`, which answered). */
  private stopRinging(call: WebCall, reason: WebCallEnd, except?: AgentLine): void {
    const ring = call.ring;
    if (!ring) return;
    clearTimeout(ring.timer);
    call.ring = null;
    for (const desk of this.desksOf(ring.agentId)) if (desk !== except) desk.send({ type: 'call.ended', callId: call.id, reason });
  }

  /** Whoever answers a call in a queued conversation takes the conversation too. */
  private async takeIfQueued(call: WebCall, agent: Agent): Promise<void> {
    await this.core.commit(agent.tenantId, async (changes) => {
      const conversation = await this.conversationOf(call.visitor, changes.store);
      if (conversation && conversation.assigneeId === null) await assign(changes, { ...conversation, offer: null }, agent.id);
    });
  }

  /** A transferred call takes its conversation along: to the agent who answered, and into the target team's queue when it went to a team. */
  private async handOver(call: WebCall, agent: Agent, teamId: string | null): Promise<void> {
    await this.core.commit(agent.tenantId, async (changes) => {
      const conversation = await this.conversationOf(call.visitor, changes.store);
      if (!conversation || (conversation.assigneeId === agent.id && (teamId === null || teamId === conversation.teamId))) return;
      // Not `assign`: a change of team must log the team it leaves, so its desks learn it went.
      await changes.changeConversation(conversation, { ...conversation, teamId: teamId ?? conversation.teamId, assigneeId: agent.id, offer: null, updatedAt: changes.at });
      await changes.store.accounts.markAssigned(agent.id, changes.at);
    });
  }

  private async end(call: WebCall, reason: WebCallEnd): Promise<void> {
    if (this.calls.get(call.id) !== call) return;
    this.calls.delete(call.id);
    this.stopRinging(call, reason);
    const ended = { type: 'call.ended' as const, callId: call.id, reason };
    call.visitor.send(ended);
    call.desk?.send(ended);
    // Its agent is free again: a waiting call may ring them.
    if (call.desk) await this.serveWaitingNow();
  }

  private callOf(visitor: VisitorLine): WebCall | undefined {
    return [...this.calls.values()].find((call) => call.visitor === visitor);
  }

  /** Read through `store`: inside a commit, the commit's. */
  private conversationOf(visitor: VisitorLine, store: RelayRepositories = this.core.store): Promise<Conversation | null> {
    return store.conversations.findConversation(visitor.tenantId, visitor.conversationId);
  }

  /** Who rings next within `scope`, passing over `passed` and everyone on or ringing for a call; null if no one is left. */
  private async nextAgent(tenantId: string, conversation: Conversation, scope: RingScope, passed: ReadonlySet<string>): Promise<string | null> {
    const skip = new Set([...passed, ...this.agentsOnCalls()]);
    if (scope === 'conversation') return this.agentToRing(tenantId, conversation, skip);
    if ('agentId' in scope) return skip.has(scope.agentId) || !this.reachable(scope.agentId) ? null : scope.agentId;
    return this.bestOfTeam(tenantId, scope.teamId, conversation, skip);
  }

  /** The conversation's agent while they are connected; else the team's best agent with room for a call. */
  private agentToRing(tenantId: string, conversation: Conversation, skip: ReadonlySet<string>): Promise<string | null> {
    const holder = conversation.assigneeId;
    if (holder !== null && !skip.has(holder) && this.reachable(holder)) return Promise.resolve(holder);
    return this.bestOfTeam(tenantId, conversation.teamId, conversation, skip);
  }

  /** The routing rule, for a call: language, skill, longest idle, among the team's available agents. */
  private async bestOfTeam(tenantId: string, teamId: string, conversation: Conversation, skip: ReadonlySet<string>): Promise<string | null> {
    // Only desks on this node can be rung: routing's view also holds the other nodes' desks.
    const candidates = (await routingCandidates(this.core, tenantId, teamId)).filter((agent) => this.reachable(agent.id));
    return bestAgentFor({ ...waitingOf(conversation), kind: 'call' }, candidates, skip)?.id ?? null;
  }

  /** Agents talking on a web call now, for the supervisors' live view. */
  agentsTalking(): Set<string> {
    return new Set([...this.calls.values()].flatMap((call) => (call.desk ? [call.desk.agent.id] : [])));
  }

  /** Agents talking on a web call or being rung for one. */
  private agentsOnCalls(): Set<string> {
    const agents = new Set<string>();
    for (const call of this.calls.values()) {
      if (call.desk) agents.add(call.desk.agent.id);
      if (call.ring) agents.add(call.ring.agentId);
    }
    return agents;
  }

  private reachable(agentId: string): boolean {
    return this.core.connected.isConnected(agentId) && this.desksOf(agentId).length > 0;
  }
}

/** The team a call was transferred to, which its conversation joins; null for a colleague or the conversation's own. */
function teamOf(scope: RingScope): string | null {
  return typeof scope === 'object' && 'teamId' in scope ? scope.teamId : null;
}
