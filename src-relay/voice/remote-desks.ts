import type { Agent } from '../../src-shared/domain/model.js';
import type { AgentCallFrame, RelayCallFrame } from '../../src-shared/protocol/voice.js';
import type { CallRelay, CallRelayMessage } from '../bus/call-relay.js';
import type { AgentLine, WebCalls } from './web-calls.js';

/** Which node an agent connected elsewhere is on (presence/cluster-presence.ts). */
export interface DeskDirectory {
  nodeOf(agentId: string): string | null;
}

/** A call whose switchboard is on another node, ringing or answered on this node's desks. */
interface Leg {
  owner: string;
  agentId: string;
  /** The desk that answered: the call's frames go to it alone from then on. */
  answeredBy: AgentLine | null;
}

/**
 * Web calls across nodes. The switchboard (`WebCalls`) stays on the customer's node; an agent
 * whose desks are on another node is one line to that node, and that node hands the frames to
 * the agent's desks and sends their answers back. Both ends are here: `linesOf` for the
 * switchboard's node, `deliver`/`fromLocalDesk` for the desks' node.
 */
export class RemoteDesks {
  /** Agents signed in elsewhere, as the stored account has them (kept fresh by presence changes). */
  private readonly agents = new Map<string, Agent>();
  private readonly lines = new Map<string, AgentLine>();
  private readonly legs = new Map<string, Leg>();
  private calls: WebCalls | null = null;

  constructor(
    private readonly relay: CallRelay,
    private readonly directory: DeskDirectory,
    private readonly localDesksOf: (agentId: string) => AgentLine[],
  ) {
    relay.listen((message) => this.heard(message));
  }

  /** The switchboard that answers the frames of desks on other nodes. */
  serve(calls: WebCalls): void {
    this.calls = calls;
  }

  know(agent: Agent): void {
    this.agents.set(agent.id, agent);
  }

  /** The agent's line to the node their desks are on; none while no node announces them. */
  linesOf(agentId: string): AgentLine[] {
    const node = this.directory.nodeOf(agentId);
    const agent = this.agents.get(agentId);
    return node !== null && agent ? [this.lineFor(node, agent)] : [];
  }

  /** A frame of one of this node's desks: true when it belongs to a call switched on another node (and went there). */
  fromLocalDesk(desk: AgentLine, frame: AgentCallFrame): boolean {
    const leg = this.legs.get(frame.callId);
    if (!leg || leg.agentId !== desk.agent.id) return false;
    // Another desk of the agent has the call: this one only rang.
    if (leg.answeredBy !== null && leg.answeredBy !== desk) return true;
    if (frame.type === 'call.answer') {
      leg.answeredBy = desk;
      // The switchboard sees one line for all of them: this node stops the agent's other desks ringing.
      for (const other of this.localDesksOf(leg.agentId)) if (other !== desk) other.send({ type: 'call.ended', callId: frame.callId, reason: 'answered-elsewhere' });
    }
    this.relay.send(leg.owner, { kind: 'from-desk', from: this.relay.nodeId, agentId: desk.agent.id, frame });
    return true;
  }

  /** As `WebCalls.deskGone` does for its own calls: the desk with the call hangs up; the last ringing desk lets it pass. */
  localDeskGone(desk: AgentLine): void {
    for (const [callId, leg] of this.legs) {
      if (leg.agentId !== desk.agent.id) continue;
      const gone = leg.answeredBy === desk ? 'call.hangup' : leg.answeredBy === null && this.localDesksOf(leg.agentId).length === 0 ? 'call.decline' : null;
      if (gone === null) continue;
      this.legs.delete(callId);
      this.relay.send(leg.owner, { kind: 'from-desk', from: this.relay.nodeId, agentId: leg.agentId, frame: { type: gone, callId } });
    }
  }

  private lineFor(node: string, agent: Agent): AgentLine {
    const key = `${node} ${agent.id}`;
    let line = this.lines.get(key);
    if (!line) {
      line = { agent, send: (frame) => this.relay.send(node, { kind: 'to-desk', from: this.relay.nodeId, agentId: agent.id, frame }) };
      this.lines.set(key, line);
    }
    return line;
  }

  private heard(message: CallRelayMessage): void {
    if (message.kind === 'to-desk') return this.deliver(message.from, message.agentId, message.frame);
    const agent = this.agents.get(message.agentId);
    if (agent && this.calls) void this.calls.fromDesk(this.lineFor(message.from, agent), message.frame);
  }

  /** A switchboard's frame for this node's desks of `agentId`. */
  private deliver(owner: string, agentId: string, frame: RelayCallFrame): void {
    if (frame.type === 'call.ring') this.legs.set(frame.callId, { owner, agentId, answeredBy: null });
    const leg = this.legs.get(frame.callId);
    const answered = leg?.agentId === agentId ? leg.answeredBy : null;
    const othersOnly = frame.type === 'call.ended' && frame.reason === 'answered-elsewhere';
    const desks = this.localDesksOf(agentId);
    const targets = answered === null ? desks : othersOnly ? desks.filter((desk) => desk !== answered) : [answered];
    for (const desk of targets) desk.send(frame);
    if (frame.type === 'call.ended' && leg?.agentId === agentId && !(othersOnly && answered !== null)) this.legs.delete(frame.callId);
  }
}
