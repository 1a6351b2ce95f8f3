import { z } from 'zod';
import { Id, LanguageTag } from '../domain/model.js';

/**
 * Web calls: a customer on the chat page calls the agent of their conversation. The relay only
 * passes signalling between the two browsers (SDP and ICE candidates); media goes peer to peer.
 * The customer's page makes the offer; the agent's desk answers, and re-offers to hold and resume.
 */
export const CallId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a call id is 8 to 64 letters, digits or dashes');

const SessionDescription = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(64_000) }).strict();
const IceCandidate = z
  .object({
    candidate: z.string().max(2_000),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();
/** A STUN or TURN server both browsers use to find a path through NAT (RTCIceServer). */
export const IceServer = z
  .object({
    urls: z.union([z.string().regex(/^(stun|stuns|turn|turns):/, 'an ICE server URL starts with stun:, stuns:, turn: or turns:'), z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1)]),
    username: z.string().max(256).optional(),
    credential: z.string().max(256).optional(),
  })
  .strict();
export type IceServer = z.infer<typeof IceServer>;
export const IceServers = z.array(IceServer).max(10);

/** One step of WebRTC negotiation: a description or a candidate. */
export const CallSignal = z.union([z.object({ description: SessionDescription }).strict(), z.object({ candidate: IceCandidate }).strict()]);
export type CallSignal = z.infer<typeof CallSignal>;

/** Why a web call ended, as both sides are told. */
export const WebCallEnd = z.enum(['hangup', 'declined', 'missed', 'no-agent', 'answered-elsewhere', 'failed', 'transferred']);
export type WebCallEnd = z.infer<typeof WebCallEnd>;

// ---- customer page <-> relay (on the web chat socket) ----
export const WebchatCallStart = z.object({ type: z.literal('call.start'), callId: CallId });
export const WebchatCallSignal = z.object({ type: z.literal('call.signal'), callId: CallId, signal: CallSignal });
export const WebchatCallHangup = z.object({ type: z.literal('call.hangup'), callId: CallId });

export const WebchatCallRinging = z.object({ type: z.literal('call.ringing'), callId: CallId });
export const WebchatCallAnswered = z.object({ type: z.literal('call.answered'), callId: CallId, agentName: z.string(), iceServers: IceServers.default([]) });
export const WebchatCallHeld = z.object({ type: z.literal('call.held'), callId: CallId, held: z.boolean() });
export const WebchatCallEnded = z.object({ type: z.literal('call.ended'), callId: CallId, reason: WebCallEnd });
/** The agent passed the call on: silence until the next agent answers (then `call.answered` again, and a fresh offer). */
/** Every agent who could take the call is busy: the customer waits in line until one is free. */
export const WebchatCallWaiting = z.object({ type: z.literal('call.waiting'), callId: CallId });
export const WebchatCallTransferring = z.object({ type: z.literal('call.transferring'), callId: CallId });

// ---- agent's desk <-> relay (on the sync socket; best effort, not in the log) ----
export const AgentCallAnswer = z.object({ type: z.literal('call.answer'), callId: CallId });
export const AgentCallDecline = z.object({ type: z.literal('call.decline'), callId: CallId });
export const AgentCallSignal = z.object({ type: z.literal('call.signal'), callId: CallId, signal: CallSignal });
export const AgentCallHold = z.object({ type: z.literal('call.hold'), callId: CallId, held: z.boolean() });
export const AgentCallHangup = z.object({ type: z.literal('call.hangup'), callId: CallId });
/** A colleague, or a team (its best free agent rings). */
export const CallTransferTarget = z.union([z.object({ agentId: Id }).strict(), z.object({ teamId: Id }).strict()]);
export type CallTransferTarget = z.infer<typeof CallTransferTarget>;
/** blind: this desk leaves at once; warm: it keeps the customer until the target answers. */
export const CallTransferMode = z.enum(['blind', 'warm']);
export type CallTransferMode = z.infer<typeof CallTransferMode>;
export const AgentCallTransfer = z.object({
  type: z.literal('call.transfer'),
  callId: CallId,
  target: CallTransferTarget,
  mode: CallTransferMode,
  /** For the target, shown while their desk rings. */
  note: z.string().max(500).optional(),
});
export const AgentCallFrame = z.discriminatedUnion('type', [AgentCallAnswer, AgentCallDecline, AgentCallSignal, AgentCallHold, AgentCallHangup, AgentCallTransfer]);
export type AgentCallFrame = z.infer<typeof AgentCallFrame>;

/** Who passes a call on, as the target's desk shows it while ringing. */
export const CallRingTransfer = z.object({ fromName: z.string(), note: z.string(), mode: CallTransferMode });
export type CallRingTransfer = z.infer<typeof CallRingTransfer>;

/** A customer's web call ringing this agent. */
export const CallRing = z.object({
  type: z.literal('call.ring'),
  callId: CallId,
  conversationId: Id,
  customerName: z.string(),
  language: LanguageTag,
  /** Set when a colleague transfers the call here; absent from relays that predate transfers. */
  transfer: CallRingTransfer.optional(),
  /** STUN/TURN servers the company set up; none on one network. */
  iceServers: IceServers.default([]),
});
export const RelayCallSignal = AgentCallSignal;
export const RelayCallEnded = WebchatCallEnded;
/** A transfer was refused, or its target declined or did not answer: this desk still has the call. */
export const RelayCallTransferFailed = z.object({ type: z.literal('call.transfer-failed'), callId: CallId, reason: z.string() });
export const RelayCallFrame = z.discriminatedUnion('type', [CallRing, RelayCallSignal, RelayCallEnded, RelayCallTransferFailed]);
export type RelayCallFrame = z.infer<typeof RelayCallFrame>;
