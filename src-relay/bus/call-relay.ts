import { z } from 'zod';
import { AgentCallFrame, RelayCallFrame } from '../../src-shared/protocol/voice.js';
import { openNatsLink, type NatsLink } from './nats-link.js';

/**
 * A web call's frames between the node whose switchboard holds the call (the customer's page is
 * there) and the node where the rung agent's desks are: `to-desk` from the switchboard to the
 * desks, `from-desk` back. Each node listens on `<prefix>.calls.<its node id>` only. Core NATS,
 * no reply: a lost frame is as a frame lost on a dropping network, and the call's ring timer or
 * hang-up settles it.
 */
const NodeId = z.string().min(1).max(128);
const AgentId = z.string().min(1).max(256);
export const CallRelayMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('to-desk'), from: NodeId, agentId: AgentId, frame: RelayCallFrame }),
  z.object({ kind: z.literal('from-desk'), from: NodeId, agentId: AgentId, frame: AgentCallFrame }),
]);
export type CallRelayMessage = z.infer<typeof CallRelayMessage>;

/** An SDP offer is a few kB; anything far larger is not a call frame. */
const MAX_CALL_MESSAGE_BYTES = 256 * 1024;

export function callSubject(prefix: string, nodeId: string): string {
  return `${prefix}.calls.${nodeId}`;
}

export function decodeCallMessage(data: Uint8Array): CallRelayMessage | null {
  if (data.byteLength > MAX_CALL_MESSAGE_BYTES) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return null;
  }
  const parsed = CallRelayMessage.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export interface CallRelayOptions {
  url: string;
  subjectPrefix: string;
  nodeId: string;
  reconnectWaitMs: number;
  pingIntervalMs: number;
  reportError(where: string, error: unknown): void;
}

/** This node's end of the call frames between nodes. */
export class CallRelay {
  private readonly link: NatsLink;
  private handler: (message: CallRelayMessage) => void = () => undefined;

  constructor(private readonly options: CallRelayOptions) {
    this.link = openNatsLink({
      url: options.url,
      name: `relay-calls-${options.nodeId}`,
      subject: callSubject(options.subjectPrefix, options.nodeId),
      onMessage: (message) => {
        const decoded = decodeCallMessage(message.data);
        if (decoded !== null && decoded.from !== options.nodeId) this.handler(decoded);
      },
      onStateChange: () => undefined,
      reportError: (error) => options.reportError('cluster calls', error),
      reconnectWaitMs: options.reconnectWaitMs,
      pingIntervalMs: options.pingIntervalMs,
    });
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** Where the frames from other nodes go (the sync hub's remote desks); dropped until set. */
  listen(handler: (message: CallRelayMessage) => void): void {
    this.handler = handler;
  }

  /** False when NATS did not take it (disconnected). Never throws. */
  send(toNode: string, message: CallRelayMessage): boolean {
    return this.link.publish(callSubject(this.options.subjectPrefix, toNode), JSON.stringify(message));
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
