import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import { bestAgentFor } from '../../src-shared/domain/routing-score.js';
import type { AgentCallFrame, CallSignal, RelayCallFrame, WebCallEnd } from '../../src-shared/protocol/voice.js';
import type { WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { RelayCore } from '../relay-core.js';
import { assign, routingCandidates, waitingOf } from '../routing/assignment.js';

/** How long a web call rings before the customer is told no one answered. */
export const RING_MS = 30_000;

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

interface WebCall {
  id: string;
  visitor: VisitorLine;
  agentId: string;
  /** The desk that answered; null while ringing. */
  desk: AgentLine | null;
  ringTimer: NodeJS.Timeout | null;
}

/**
 * The switchboard for web calls: rings an agent's desks, then passes negotiation between the
 * customer's page and the one desk that answered. Nothing is stored: a call that loses either
 * side ends, and the desk writes the call into the timeline when it is wrapped up.
 */
export class WebCalls {
  private readonly calls = new Map<string, WebCall>();

  constructor(
    private readonly core: RelayCore,
    private readonly desksOf: (agentId: string) => AgentLine[],
    private readonly ringMs = RING_MS,
  ) {}

  /** The customer pressed Call: ring the agent of the conversation, or the best free one of its team. */
  start(visitor: VisitorLine, callId: string): void {
    if (this.calls.has(callId) || this.callOf(visitor)) {
      visitor.send({ type: 'call.ended', callId, reason: 'failed' });
      return;
    }
    const conversation = this.core.store.conversations.findConversation(visitor.tenantId, visitor.conversationId);
    const agentId = conversation ? this.agentToRing(visitor.tenantId, conversation) : null;
    if (!conversation || agentId === null) {
      visitor.send({ type: 'call.ended', callId, reason: 'no-agent' });
      return;
    }
    const ringTimer = setTimeout(() => this.end(callId, 'missed'), this.ringMs);
    ringTimer.unref();
    this.calls.set(callId, { id: callId, visitor, agentId, desk: null, ringTimer });
    const ring = { type: 'call.ring' as const, callId, conversationId: conversation.id, customerName: conversation.customerName, language: conversation.language };
    for (const desk of this.desksOf(agentId)) desk.send(ring);
    visitor.send({ type: 'call.ringing', callId });
  }

  fromVisitor(visitor: VisitorLine, frame: { type: 'call.signal'; callId: string; signal: CallSignal } | { type: 'call.hangup'; callId: string }): void {
    const call = this.calls.get(frame.callId);
    if (!call || call.visitor !== visitor) return;
    if (frame.type === 'call.hangup') this.end(call.id, 'hangup');
    else call.desk?.send({ type: 'call.signal', callId: call.id, signal: frame.signal });
  }

  fromDesk(desk: AgentLine, frame: AgentCallFrame): void {
    const call = this.calls.get(frame.callId);
    if (!call || call.agentId !== desk.agent.id || (call.desk !== null && call.desk !== desk)) return;
    switch (frame.type) {
      case 'call.answer':
        this.answer(call, desk);
        return;
      case 'call.decline':
        if (call.desk === null) this.end(call.id, 'declined');
        return;
      case 'call.signal':
        if (call.desk) call.visitor.send({ type: 'call.signal', callId: call.id, signal: frame.signal });
        return;
      case 'call.hold':
        if (call.desk) call.visitor.send({ type: 'call.held', callId: call.id, held: frame.held });
        return;
      case 'call.hangup':
        this.end(call.id, 'hangup');
        return;
    }
  }

  visitorGone(visitor: VisitorLine): void {
    const call = this.callOf(visitor);
    if (call) this.end(call.id, 'hangup');
  }

  deskGone(desk: AgentLine): void {
    for (const call of [...this.calls.values()]) {
      if (call.desk === desk) this.end(call.id, 'failed');
    }
  }

  stop(): void {
    for (const call of this.calls.values()) if (call.ringTimer) clearTimeout(call.ringTimer);
    this.calls.clear();
  }

  private answer(call: WebCall, desk: AgentLine): void {
    if (call.desk !== null) return;
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    call.desk = desk;
    // The agent's other desks stop ringing.
    for (const other of this.desksOf(call.agentId)) if (other !== desk) other.send({ type: 'call.ended', callId: call.id, reason: 'answered-elsewhere' });
    this.takeIfQueued(call, desk.agent);
    call.visitor.send({ type: 'call.answered', callId: call.id, agentName: desk.agent.name });
  }

  /** Whoever answers a call in a queued conversation takes the conversation too. */
  private takeIfQueued(call: WebCall, agent: Agent): void {
    this.core.commit(agent.tenantId, (changes) => {
      const conversation = this.core.store.conversations.findConversation(agent.tenantId, call.visitor.conversationId);
      if (conversation && conversation.assigneeId === null) assign(this.core, changes, { ...conversation, offer: null }, agent.id);
    });
  }

  private end(callId: string, reason: WebCallEnd): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    if (call.ringTimer) clearTimeout(call.ringTimer);
    const ended = { type: 'call.ended' as const, callId, reason };
    call.visitor.send(ended);
    const desks = call.desk ? [call.desk] : this.desksOf(call.agentId);
    for (const desk of desks) desk.send(ended);
  }

  private callOf(visitor: VisitorLine): WebCall | undefined {
    return [...this.calls.values()].find((call) => call.visitor === visitor);
  }

  /** The conversation's agent while they are connected and not on a call; else the team's best agent with room for a call. */
  private agentToRing(tenantId: string, conversation: Conversation): string | null {
    const onCall = new Set([...this.calls.values()].map((call) => call.agentId));
    const holder = conversation.assigneeId;
    if (holder !== null && this.core.connected.isConnected(holder) && !onCall.has(holder) && this.desksOf(holder).length > 0) return holder;
    const candidates = routingCandidates(this.core, tenantId, conversation.teamId);
    return bestAgentFor({ ...waitingOf(conversation), kind: 'call' }, candidates, onCall)?.id ?? null;
  }
}
