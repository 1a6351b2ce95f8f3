/**
 * The softphone is one panel over provider adapters (docs/softphone.md): web calls from the
 * customer's chat page (WebRTC, signalled through the relay), Twilio Voice (@twilio/voice-sdk)
 * and SIP over WebSocket (JsSIP). Each adapter turns its provider's calls into PhoneCalls.
 */

export type PhoneProvider = 'webrtc' | 'twilio' | 'sip';
export type CallDirection = 'inbound' | 'outbound';

/** ringing: inbound, not answered yet; dialing: outbound, not answered yet. */
export type CallState = 'ringing' | 'dialing' | 'connecting' | 'connected' | 'held' | 'ended';

/** Why a call ended, for the timeline; `elsewhere`: another desk of this agent answered it. */
export type CallEnd = 'hangup' | 'remote-hangup' | 'declined' | 'missed' | 'failed' | 'transferred' | 'elsewhere';

/** Where a call is passed on: a colleague or a team (web calls, through the relay), or a number or SIP address (SIP, Twilio). */
export type TransferTarget = { agentId: string } | { teamId: string } | { address: string };

/** blind: this desk leaves at once; warm: it keeps the caller until the target answers. */
export type TransferMode = 'blind' | 'warm';

/** The colleague who passed a call here, and their note, shown while it rings. */
export interface TransferredBy {
  readonly fromName: string;
  readonly note: string;
  readonly mode: TransferMode;
}

export interface PhoneCall {
  readonly id: string;
  readonly provider: PhoneProvider;
  readonly direction: CallDirection;
  /** A phone number, SIP address or the customer's name. */
  readonly remote: string;
  /** Where to call them back (a number or SIP address); absent for web calls. */
  readonly address?: string;
  /** The conversation the call belongs to, when the provider knows it (web calls do). */
  readonly conversationId?: string;
  /** Set when a colleague transferred this call here. */
  readonly transferredBy?: TransferredBy;
  readonly state: CallState;
  answer(): Promise<void>;
  decline(): void;
  hangup(): void;
  /** Mute stops the agent's voice reaching the customer; the call stays up. */
  setMuted(muted: boolean): void;
  /** Hold stops media both ways until resumed. */
  setHeld(held: boolean): Promise<void>;
  /** DTMF tones (0-9, *, #), for IVRs and PBX menus. */
  sendDigits(digits: string): void;
  /** Called on every state change; `end` is set once the state is `ended`. */
  onState(listener: (state: CallState, end?: CallEnd) => void): () => void;
  /**
   * Passes the call on. Blind: this side's call ends as `transferred`. Warm: this side keeps the
   * caller until the target answers. What a provider cannot do rejects with an Error that says why.
   */
  transfer(target: TransferTarget, mode: TransferMode, note?: string): Promise<void>;
  /** A transfer that `transfer` handed over failed later (refused, declined, not answered): the call is still here. */
  onTransferFailed(listener: (reason: string) => void): () => void;
}

export interface PhoneAdapter {
  readonly provider: PhoneProvider;
  /** Registers with the provider, so calls can ring. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** An outbound call to a number or SIP address. */
  dial(target: string): Promise<PhoneCall>;
  onIncoming(listener: (call: PhoneCall) => void): () => void;
  /** The microphone and speaker the agent picked; absent ids mean the system default. */
  setDevices(devices: { inputId?: string; outputId?: string }): Promise<void>;
}

/** Only these travel as DTMF; anything else is dropped rather than sent as noise. */
export function dtmfDigits(text: string): string {
  return text.replace(/[^0-9*#]/g, '');
}
