import type { AgentCallFrame, CallSignal, RelayCallFrame, WebCallEnd } from '../../src-shared/protocol/voice.js';
import type { ApiClient } from '../state/api-client.js';
import { dtmfDigits, type CallEnd, type CallState, type PhoneAdapter, type PhoneCall, type TransferMode, type TransferredBy, type TransferTarget } from './phone-adapter.js';

type Ring = Extract<RelayCallFrame, { type: 'call.ring' }>;

const END_OF: Record<WebCallEnd, CallEnd> = {
  hangup: 'remote-hangup',
  declined: 'declined',
  missed: 'missed',
  'no-agent': 'missed',
  'answered-elsewhere': 'elsewhere',
  failed: 'failed',
  transferred: 'transferred',
};

/** Devices the agent picked; undefined is the system default. */
interface Devices {
  inputId?: string;
  outputId?: string;
}

/**
 * Web calls from customers' chat pages. Signalling goes renderer → core → relay (`calls.send`)
 * and back (`calls.frame`); the customer's page offers, this desk answers, and re-offers to
 * hold (no media either way) and resume. Transfers go to a colleague or a team through the relay.
 */
export function createWebRtcAdapter(client: ApiClient): PhoneAdapter {
  const calls = new WebRtcCalls(client);
  return {
    provider: 'webrtc',
    start: async () => calls.listen(),
    stop: async () => calls.close(),
    dial: () => Promise.reject(new Error('Web calls are started by the customer from the chat page.')),
    onIncoming: (listener) => calls.onIncoming(listener),
    setDevices: (devices) => calls.setDevices(devices),
  };
}

class WebRtcCalls {
  private readonly calls = new Map<string, WebRtcCall>();
  private readonly incoming = new Set<(call: PhoneCall) => void>();
  private unsubscribe: (() => void) | null = null;
  devices: Devices = {};

  constructor(private readonly client: ApiClient) {}

  listen(): void {
    this.unsubscribe ??= this.client.on('calls.frame', (frame) => this.received(frame));
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const call of this.calls.values()) call.hangup();
  }

  onIncoming(listener: (call: PhoneCall) => void): () => void {
    this.incoming.add(listener);
    return () => this.incoming.delete(listener);
  }

  async setDevices(devices: Devices): Promise<void> {
    this.devices = devices;
    await Promise.all([...this.calls.values()].map((call) => call.useDevices(devices)));
  }

  /** Rejects when the frame did not reach the relay (offline, or refused by the contract). */
  async send(frame: AgentCallFrame): Promise<void> {
    const result = await this.client.call('calls.send', { frame });
    if (!result.ok) throw new Error(result.error.message);
  }

  forget(callId: string): void {
    this.calls.delete(callId);
  }

  private received(frame: RelayCallFrame): void {
    if (frame.type === 'call.ring') return this.ring(frame);
    const call = this.calls.get(frame.callId);
    if (frame.type === 'call.signal') void call?.signal(frame.signal);
    else if (frame.type === 'call.ended') call?.ended(END_OF[frame.reason]);
    else call?.transferFailed(frame.reason);
  }

  private ring(frame: Ring): void {
    if (this.calls.has(frame.callId)) return;
    const call = new WebRtcCall(this, frame);
    this.calls.set(frame.callId, call);
    for (const listener of this.incoming) listener(call);
  }
}

class WebRtcCall implements PhoneCall {
  readonly provider = 'webrtc';
  readonly direction = 'inbound';
  readonly id: string;
  readonly remote: string;
  readonly conversationId: string;
  /** STUN/TURN servers the company set up at the relay. */
  private readonly iceServers: RTCIceServer[];
  readonly transferredBy?: TransferredBy;
  state: CallState = 'ringing';
  /** The connection to the customer's page, once answered. */
  private peerConnection: RTCPeerConnection | null = null;
  private stream: MediaStream | null = null;
  private readonly audio = new Audio();
  private readonly waitingCandidates: RTCIceCandidateInit[] = [];
  private readonly listeners = new Set<(state: CallState, end?: CallEnd) => void>();
  private readonly transferFailures = new Set<(reason: string) => void>();

  constructor(
    private readonly calls: WebRtcCalls,
    ring: Ring,
  ) {
    this.id = ring.callId;
    this.remote = ring.customerName;
    this.conversationId = ring.conversationId;
    this.transferredBy = ring.transfer;
    this.iceServers = ring.iceServers;
    this.audio.autoplay = true;
  }

  async answer(): Promise<void> {
    if (this.state !== 'ringing') return;
    this.setState('connecting');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: microphone(this.calls.devices.inputId), video: false });
    } catch {
      this.send({ type: 'call.decline', callId: this.id });
      this.ended('failed');
      throw new Error('The microphone is not available: check the device and that this app may use it.');
    }
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.peerConnection = pc;
    for (const track of this.stream.getTracks()) pc.addTrack(track, this.stream);
    pc.addEventListener('icecandidate', ({ candidate }) => {
      if (!candidate) return;
      const { sdpMid, sdpMLineIndex, usernameFragment } = candidate;
      this.send({ type: 'call.signal', callId: this.id, signal: { candidate: { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment } } });
    });
    pc.addEventListener('track', ({ streams, track }) => {
      this.audio.srcObject = streams[0] ?? new MediaStream([track]);
    });
    pc.addEventListener('connectionstatechange', () => this.connectionChanged(pc));
    await this.useDevices(this.calls.devices);
    this.send({ type: 'call.answer', callId: this.id });
  }

  decline(): void {
    if (this.state !== 'ringing') return;
    this.send({ type: 'call.decline', callId: this.id });
    this.ended('declined');
  }

  hangup(): void {
    if (this.state === 'ended') return;
    this.send({ type: 'call.hangup', callId: this.id });
    this.ended('hangup');
  }

  setMuted(muted: boolean): void {
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** Hold renegotiates the audio as inactive: nothing is sent either way until resumed. */
  async setHeld(held: boolean): Promise<void> {
    const pc = this.peerConnection;
    const transceiver = pc?.getTransceivers()[0];
    if (!pc || !transceiver || (this.state !== 'connected' && this.state !== 'held')) return;
    transceiver.direction = held ? 'inactive' : 'sendrecv';
    await pc.setLocalDescription(await pc.createOffer());
    this.sendDescription(pc);
    this.send({ type: 'call.hold', callId: this.id, held });
    this.setState(held ? 'held' : 'connected');
  }

  sendDigits(digits: string): void {
    this.peerConnection?.getSenders()[0]?.dtmf?.insertDTMF(dtmfDigits(digits));
  }

  onState(listener: (state: CallState, end?: CallEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The relay rings the target. Blind: it ends this desk's call (`transferred`) at once. Warm:
   * this desk keeps the customer until the target answers; the target reads the note, the two
   * agents do not speak first. A refusal or a target who does not answer comes as a transfer failure.
   */
  async transfer(target: TransferTarget, mode: TransferMode, note?: string): Promise<void> {
    if ('address' in target) throw new Error('A web call is transferred to a colleague or a team, not to a phone number or SIP address.');
    if (this.state !== 'connected' && this.state !== 'held') throw new Error('Only a call in progress can be transferred.');
    await this.calls.send({ type: 'call.transfer', callId: this.id, target, mode, note });
  }

  onTransferFailed(listener: (reason: string) => void): () => void {
    this.transferFailures.add(listener);
    return () => this.transferFailures.delete(listener);
  }

  transferFailed(reason: string): void {
    for (const listener of this.transferFailures) listener(reason);
  }

  /** The customer's offer (answered here) or their answer to a re-offer; or a candidate. */
  async signal(signal: CallSignal): Promise<void> {
    const pc = this.peerConnection;
    if (!pc) return;
    if ('candidate' in signal) {
      if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate).catch(() => undefined);
      else this.waitingCandidates.push(signal.candidate);
      return;
    }
    await pc.setRemoteDescription(signal.description);
    for (const candidate of this.waitingCandidates.splice(0)) await pc.addIceCandidate(candidate).catch(() => undefined);
    if (signal.description.type === 'offer') {
      await pc.setLocalDescription(await pc.createAnswer());
      this.sendDescription(pc);
    }
  }

  async useDevices(devices: Devices): Promise<void> {
    if (devices.outputId !== undefined && 'setSinkId' in this.audio) await this.audio.setSinkId(devices.outputId).catch(() => undefined);
    const sender = this.peerConnection?.getSenders()[0];
    if (!sender || !this.stream || devices.inputId === undefined || this.stream.getAudioTracks()[0]?.getSettings().deviceId === devices.inputId) return;
    const next = await navigator.mediaDevices.getUserMedia({ audio: microphone(devices.inputId), video: false });
    const [track] = next.getAudioTracks();
    if (!track) return;
    track.enabled = this.stream.getAudioTracks()[0]?.enabled ?? true;
    await sender.replaceTrack(track);
    for (const old of this.stream.getTracks()) old.stop();
    this.stream = next;
  }

  ended(end: CallEnd): void {
    if (this.state === 'ended') return;
    this.peerConnection?.close();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.audio.srcObject = null;
    this.calls.forget(this.id);
    this.setState('ended', end);
  }

  private connectionChanged(pc: RTCPeerConnection): void {
    if (pc.connectionState === 'connected' && this.state === 'connecting') this.setState('connected');
    if (pc.connectionState === 'failed') this.hangupAs('failed');
  }

  private hangupAs(end: CallEnd): void {
    this.send({ type: 'call.hangup', callId: this.id });
    this.ended(end);
  }

  private sendDescription(pc: RTCPeerConnection): void {
    const local = pc.localDescription;
    if (local && (local.type === 'offer' || local.type === 'answer')) this.send({ type: 'call.signal', callId: this.id, signal: { description: { type: local.type, sdp: local.sdp } } });
  }

  private send(frame: AgentCallFrame): void {
    // Signalling is best effort: a lost frame shows as a call that does not connect or ends.
    this.calls.send(frame).catch(() => undefined);
  }

  private setState(state: CallState, end?: CallEnd): void {
    this.state = state;
    for (const listener of this.listeners) listener(state, end);
  }
}

function microphone(deviceId: string | undefined): MediaTrackConstraints | boolean {
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}
