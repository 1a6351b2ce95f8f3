// Web calls from the customer's chat page: the customer presses Call, the relay rings the agent,
// and once they answer this page makes the WebRTC offer (afresh to the next agent after a
// transfer). Signalling travels over the chat's socket; audio goes straight between the two
// browsers.
import type { z } from 'zod';
import type { CallSignal, IceServer, WebCallEnd, WebchatCallHangup, WebchatCallSignal, WebchatCallStart } from '../../src-shared/protocol/voice.js';
import type { WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { CallBar, type CallBarElements } from './call-bar.js';
import { callText, type CallEndText } from './strings.js';

/** The relay's frames about a call, as the chat page received and parsed them. */
export type CallFrame = Extract<WebchatServerFrame, { type: `call.${string}` }>;

export function isCallFrame(frame: WebchatServerFrame): frame is CallFrame {
  return frame.type.startsWith('call.');
}

/** What this page tells the relay about its call. */
export type CallRequest = z.input<typeof WebchatCallStart> | z.input<typeof WebchatCallSignal> | z.input<typeof WebchatCallHangup>;

export interface WebCallOptions extends CallBarElements {
  /** The page's language (primary subtag). */
  language: string;
  newId(): string;
  /** Dropped by the chat when its socket is not ready. */
  send(frame: CallRequest): void;
}

/** What the chat page feeds the call. */
export interface WebCall {
  receive(frame: CallFrame): void;
  connectionLost(): void;
  /** The chat's connection came back (true) or is being made again (false). */
  reachable(online: boolean): void;
}

const END_TEXT: Record<WebCallEnd, CallEndText> = {
  'no-agent': 'noAgent',
  missed: 'missed',
  declined: 'missed',
  failed: 'failed',
  hangup: 'ended',
  'answered-elsewhere': 'ended',
  transferred: 'ended',
};

type IceCandidate = Extract<CallSignal, { candidate: unknown }>['candidate'];

interface ActiveCall {
  id: string;
  /** The agent's connection; replaced after a transfer. */
  pc: RTCPeerConnection | null;
  /** The microphone, asked for once per call. */
  stream: MediaStream | null;
  muted: boolean;
  agentName?: string;
  /** Candidates that came before the answer they belong to. */
  candidates: RTCIceCandidateInit[];
}

/** Gives the page a Call button; the call's frames go over the chat's socket. */
export function createWebCall(options: WebCallOptions): WebCall {
  const bar = new CallBar(options, callText(options.language));
  const { text } = bar;
  let call: ActiveCall | null = null;

  bar.offer({
    call: start,
    hangUp() {
      if (call) options.send({ type: 'call.hangup', callId: call.id });
      finish('ended');
    },
    toggleMute,
  });

  function start(): void {
    if (call || !navigator.mediaDevices) return;
    call = { id: options.newId(), pc: null, stream: null, muted: false, candidates: [] };
    bar.show(text.ringing, 'ringing');
    bar.dialing();
    // Ask for the microphone now, while the customer's click still counts as a gesture.
    navigator.mediaDevices.getUserMedia({ audio: true, video: false }).then(
      (stream) => {
        if (!call) return stopTracks(stream);
        call.stream = stream;
        options.send({ type: 'call.start', callId: call.id });
      },
      () => finish('micDenied'),
    );
  }

  function receive(frame: CallFrame): void {
    if (!call || frame.callId !== call.id) return;
    if (frame.type === 'call.answered') connect(call, frame.agentName, frame.iceServers);
    else if (frame.type === 'call.signal') signal(call, frame.signal);
    else if (frame.type === 'call.held') bar.show(frame.held ? text.held : connectedText(), frame.held ? 'held' : 'connected');
    else if (frame.type === 'call.transferring') transferring(call);
    else if (frame.type === 'call.waiting') bar.show(text.waiting, 'waiting');
    else if (frame.type === 'call.ringing') bar.show(text.ringing, 'ringing');
    else if (frame.type === 'call.ended') finish(END_TEXT[frame.reason]);
  }

  /** An agent answered (again, after a transfer): this page offers afresh, with the microphone it already has. */
  function connect(active: ActiveCall, agentName: string, iceServers: IceServer[]): void {
    closeConnection(active);
    active.agentName = agentName;
    const pc = new RTCPeerConnection({ iceServers });
    active.pc = pc;
    const stream = active.stream;
    stream?.getTracks().forEach((track) => pc.addTrack(track, stream));
    pc.addEventListener('icecandidate', (event) => {
      if (event.candidate && call) options.send({ type: 'call.signal', callId: call.id, signal: { candidate: candidateOf(event.candidate) } });
    });
    pc.addEventListener('track', (event) => bar.play(event.streams[0] || new MediaStream([event.track])));
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'failed' && call && call.pc === pc) {
        options.send({ type: 'call.hangup', callId: call.id });
        finish('failed');
      }
    });
    bar.show(connectedText(), 'connected');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .then(() => sendDescription(pc, 'offer'))
      .catch(() => failUnlessReplaced(pc));
  }

  /** Answers, and the agent's re-offers when they hold or resume the call. */
  function signal(active: ActiveCall, data: CallSignal): void {
    const pc = active.pc;
    if (!pc) return;
    if ('candidate' in data) {
      if (pc.remoteDescription) pc.addIceCandidate(data.candidate).catch(ignore);
      else active.candidates.push(data.candidate);
      return;
    }
    const description = data.description;
    pc.setRemoteDescription(description)
      .then(() => {
        if (!call) throw new Error('The call ended.');
        call.candidates.splice(0).forEach((candidate) => pc.addIceCandidate(candidate).catch(ignore));
        if (description.type !== 'offer') return;
        return pc
          .createAnswer()
          .then((answer) => pc.setLocalDescription(answer))
          .then(() => sendDescription(pc, 'answer'));
      })
      .catch(() => failUnlessReplaced(pc));
  }

  function sendDescription(pc: RTCPeerConnection, type: 'offer' | 'answer'): void {
    const sdp = pc.localDescription?.sdp;
    if (!call || !sdp) throw new Error('No description to send.');
    options.send({ type: 'call.signal', callId: call.id, signal: { description: { type, sdp } } });
  }

  /** The agent passed the call on: silence, shown like ringing, until the next agent answers. */
  function transferring(active: ActiveCall): void {
    closeConnection(active);
    bar.show(text.transferring, 'ringing');
  }

  /** A connection closed by a transfer fails its pending steps; only the current one's failure ends the call. */
  function failUnlessReplaced(pc: RTCPeerConnection): void {
    if (call && call.pc === pc) finish('failed');
  }

  function closeConnection(active: ActiveCall): void {
    active.pc?.close();
    active.pc = null;
    active.candidates = [];
    bar.play(null);
  }

  function toggleMute(): void {
    if (!call || !call.stream) return;
    const muted = !call.muted;
    call.muted = muted;
    call.stream.getAudioTracks().forEach((track) => {
      track.enabled = !muted;
    });
    bar.muted(muted);
  }

  function connectedText(): string {
    return text.connected.replace('{name}', call?.agentName || '');
  }

  function finish(why: CallEndText): void {
    if (call) {
      closeConnection(call);
      if (call.stream) stopTracks(call.stream);
    }
    call = null;
    bar.ended(why);
  }

  return {
    receive,
    connectionLost() {
      if (call) finish('failed');
      bar.reachable(false);
    },
    reachable: (online) => bar.reachable(online),
  };
}

/** As RTCIceCandidate.toJSON() gives it, typed for the wire. */
function candidateOf(candidate: RTCIceCandidate): IceCandidate {
  return { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex, usernameFragment: candidate.usernameFragment };
}

function stopTracks(stream: MediaStream): void {
  stream.getTracks().forEach((track) => track.stop());
}

function ignore(): void {
  // A late candidate for a connection already replaced or closed: nothing to do.
}
