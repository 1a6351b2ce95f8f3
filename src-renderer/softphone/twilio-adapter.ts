import { Call, Device } from '@twilio/voice-sdk';
import type { TwilioTransferRequest } from '../../src-shared/protocol/twilio-voice.js';
import { dtmfDigits, type CallDirection, type CallEnd, type CallState, type PhoneAdapter, type PhoneCall, type TransferMode, type TransferTarget } from './phone-adapter.js';

export interface TwilioAdapterOptions {
  /** A fresh access token from the relay (GET /api/voice/twilio/token), asked again before each one lapses. */
  fetchToken: () => Promise<string>;
  /** Asks the relay to move the customer's call (POST /api/voice/twilio/transfer); rejects with the reason it was refused. */
  transfer: (request: TwilioTransferRequest) => Promise<void>;
}

interface Devices {
  inputId?: string;
  outputId?: string;
}

/** The agent's Twilio Voice Device (@twilio/voice-sdk; twilio-client was shut down in September 2025): registers, rings, dials. */
export function createTwilioAdapter(options: TwilioAdapterOptions): PhoneAdapter {
  return new TwilioAdapter(options);
}

class TwilioAdapter implements PhoneAdapter {
  readonly provider = 'twilio';
  private device: Device | null = null;
  private devices: Devices = {};
  private readonly incomingListeners = new Set<(call: PhoneCall) => void>();

  constructor(private readonly options: TwilioAdapterOptions) {}

  async start(): Promise<void> {
    if (this.device) return;
    const device = new Device(await this.options.fetchToken(), { closeProtection: true });
    device.on('tokenWillExpire', () => void this.renewToken(device));
    device.on('incoming', (call: Call) => {
      const phoneCall = new TwilioCall(call, 'inbound', call.parameters.From ?? 'unknown', this.options.transfer);
      for (const listener of this.incomingListeners) listener(phoneCall);
    });
    // The softphone rings itself; the SDK's own sounds would be fetched from Twilio, which the CSP does not allow.
    device.audio?.incoming(false);
    device.audio?.outgoing(false);
    device.audio?.disconnect(false);
    this.device = device;
    if (this.devices.inputId || this.devices.outputId) await useDevices(device, this.devices);
    await device.register();
  }

  async stop(): Promise<void> {
    // Hangs up live calls and unregisters.
    this.device?.destroy();
    this.device = null;
  }

  /** Our TwiML App (the relay's /api/voice/twilio/outbound) dials `To`, which must be an E.164 number. */
  async dial(target: string): Promise<PhoneCall> {
    if (!this.device) throw new Error('The Twilio phone is not started.');
    const number = dialable(target);
    return new TwilioCall(await this.device.connect({ params: { To: number } }), 'outbound', number, this.options.transfer);
  }

  onIncoming(listener: (call: PhoneCall) => void): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  async setDevices(devices: Devices): Promise<void> {
    this.devices = devices;
    if (this.device) await useDevices(this.device, devices);
  }

  private async renewToken(device: Device): Promise<void> {
    try {
      device.updateToken(await this.options.fetchToken());
    } catch (error) {
      console.warn('Cannot renew the Twilio Voice token; calls stop ringing here when it lapses:', error);
    }
  }
}

/** A number as typed ("+49 30 123-456") in the E.164 form the relay dials. */
function dialable(number: string): string {
  return number.replace(/[\s().-]/g, '');
}

/** Applies to the calls under way and to the next ones. */
async function useDevices(device: Device, { inputId, outputId }: Devices): Promise<void> {
  if (!device.audio) return;
  await (inputId ? device.audio.setInputDevice(inputId) : device.audio.unsetInputDevice());
  await device.audio.speakerDevices.set(outputId ?? 'default');
}

class TwilioCall implements PhoneCall {
  readonly provider = 'twilio';
  /** Twilio calls are with phone numbers: the remote is where to call back. */
  get address(): string {
    return this.remote;
  }
  readonly id: string;
  /** Set by the relay's <Parameter> when it rings an agent for a customer's call. */
  readonly conversationId?: string;
  private current: CallState;
  private muted = false;
  private held = false;
  private hungUpHere = false;
  /** Set once a blind transfer is asked: whether the relay moved the caller, so Twilio's disconnect of this leg ends it as transferred. */
  private transferred: Promise<boolean> | null = null;
  private readonly listeners = new Set<(state: CallState, end?: CallEnd) => void>();

  constructor(
    private readonly call: Call,
    readonly direction: CallDirection,
    readonly remote: string,
    private readonly requestTransfer: TwilioAdapterOptions['transfer'],
  ) {
    // An outbound call has no CallSid until Twilio has it.
    this.id = call.parameters.CallSid ?? crypto.randomUUID();
    this.conversationId = call.customParameters.get('conversationId');
    this.current = direction === 'inbound' ? 'ringing' : 'dialing';
    call.on('accept', () => this.setState('connected'));
    call.on('disconnect', () => this.disconnected());
    call.on('cancel', () => this.setState('ended', 'missed'));
    call.on('reject', () => this.setState('ended', 'declined'));
    // Most errors leave the call up (a warning, a reconnect); only a closed call has ended.
    call.on('error', () => {
      if (call.status() === Call.State.Closed) this.setState('ended', 'failed');
    });
  }

  get state(): CallState {
    return this.current;
  }

  async answer(): Promise<void> {
    this.setState('connecting');
    this.call.accept();
  }

  decline(): void {
    if (this.current === 'ringing') this.call.reject();
  }

  hangup(): void {
    this.hungUpHere = true;
    this.call.disconnect();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.call.mute(muted || this.held);
  }

  /**
   * The Voice SDK has no hold: a real one (music for the caller while the line waits at Twilio)
   * needs the call in a <Conference>, its participant put on hold over the REST API. Here hold is
   * silence both ways at the agent's end: the microphone muted and the caller's audio not played.
   */
  async setHeld(held: boolean): Promise<void> {
    if (this.current !== 'connected' && this.current !== 'held') return;
    this.held = held;
    this.call.mute(held || this.muted);
    this.call.getRemoteStream()?.getAudioTracks().forEach((track) => (track.enabled = !held));
    this.setState(held ? 'held' : 'connected');
  }

  sendDigits(digits: string): void {
    const tones = dtmfDigits(digits);
    if (tones) this.call.sendDigits(tones);
  }

  onState(listener: (state: CallState, end?: CallEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Blind only: the relay has Twilio run new TwiML on the customer's leg (ringing the colleague or
   * dialling the address), and Twilio drops this leg. Warm needs the call in a <Conference>, so the
   * caller can wait while the agents talk, which is not built.
   */
  async transfer(target: TransferTarget, mode: TransferMode): Promise<void> {
    if (mode === 'warm') throw new Error('Warm transfer of Twilio calls is not supported yet (it needs the call moved into a conference); transfer it blind.');
    if (!this.conversationId) throw new Error('Only a customer call that came in for a conversation can be transferred; this one has none.');
    if (this.current !== 'connected' && this.current !== 'held') throw new Error(`Only a call in progress can be transferred (this one is ${this.current}).`);
    const request = this.requestTransfer({ conversationId: this.conversationId, target: 'address' in target ? { address: addressOf(target.address) } : target });
    this.transferred = request.then(
      () => true,
      () => false,
    );
    try {
      await request;
    } catch (error) {
      this.transferred = null;
      throw error;
    }
  }

  /** A Twilio transfer fails only through `transfer` itself: the relay answers once Twilio has taken the call or refused it. */
  onTransferFailed(): () => void {
    return () => undefined;
  }

  /** Twilio may drop this leg before the relay's answer arrives: then the end waits for that answer. */
  private disconnected(): void {
    if (this.transferred) void this.transferred.then((moved) => this.setState('ended', moved ? 'transferred' : 'remote-hangup'));
    else this.setState('ended', this.hungUpHere ? 'hangup' : 'remote-hangup');
  }

  private setState(state: CallState, end?: CallEnd): void {
    if (this.current === 'ended' || this.current === state) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state, end);
  }
}

/** A SIP address as given; a number as the relay dials it. */
function addressOf(address: string): string {
  return address.startsWith('sip:') ? address : dialable(address);
}
