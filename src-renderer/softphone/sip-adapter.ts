import { C, UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA.js';
import { dtmfDigits, type CallDirection, type CallEnd, type CallState, type PhoneAdapter, type PhoneCall, type TransferMode, type TransferTarget } from './phone-adapter.js';

export interface SipAdapterOptions {
  /** The PBX's WebSocket, e.g. wss://pbx.example.com:8443. */
  server: string;
  /** The agent's address of record, e.g. sip:alice@example.com. */
  uri: string;
  password?: string;
  authorizationUser?: string;
  displayName?: string;
  iceServers?: RTCIceServer[];
}

interface Devices {
  inputId?: string;
  outputId?: string;
}

/** The agent's SIP account over WebSocket (JsSIP): registers, rings, dials. */
export function createSipAdapter(options: SipAdapterOptions): PhoneAdapter {
  return new SipAdapter(options);
}

/** A bare user or number dials within the agent's SIP domain; full addresses pass through. */
export function sipTarget(target: string, domain: string): string {
  const trimmed = target.trim();
  if (/^sips?:/i.test(trimmed)) return trimmed;
  if (trimmed.includes('@')) return `sip:${trimmed}`;
  const isPhoneNumber = /^[+\d\s().-]+$/.test(trimmed);
  const user = isPhoneNumber ? trimmed.replace(/[\s().-]/g, '') : trimmed;
  return `sip:${user}@${domain}`;
}

/** The host part of sip:alice@example.com, the domain the registrar serves. */
export function sipDomain(uri: string): string {
  const host = /^sips?:(?:[^@]*@)?([^;?>]+)/i.exec(uri.trim())?.[1];
  if (!host) throw new Error(`Not a SIP address: ${uri}`);
  return host;
}

/** Why JsSIP ended a session, in the timeline's words. `ended` is after answer, `failed` before. */
export function callEnd(event: 'ended' | 'failed', originator: string, cause: string): CallEnd {
  if (event === 'ended') {
    // JsSIP ends a call itself on lost media (RTP timeout) or a failed re-INVITE, with other causes.
    if (cause !== C.causes.BYE) return 'failed';
    return originator === 'local' ? 'hangup' : 'remote-hangup';
  }
  switch (cause) {
    case C.causes.NO_ANSWER:
      return 'missed';
    case C.causes.CANCELED:
      // We cancelled our own dialling, or the caller gave up before we answered.
      return originator === 'local' ? 'hangup' : 'missed';
    case C.causes.BUSY:
    case C.causes.REJECTED:
      return 'declined';
    default:
      return 'failed';
  }
}

function microphone(inputId: string | undefined): MediaStreamConstraints {
  return { audio: inputId ? { deviceId: { exact: inputId } } : true, video: false };
}

class SipAdapter implements PhoneAdapter {
  readonly provider = 'sip';
  private readonly ua: UA;
  private readonly domain: string;
  private readonly calls = new Set<SipCall>();
  private readonly incomingListeners = new Set<(call: PhoneCall) => void>();
  private devices: Devices = {};

  constructor(private readonly options: SipAdapterOptions) {
    this.domain = sipDomain(options.uri);
    this.ua = new UA({
      sockets: [new WebSocketInterface(options.server)],
      uri: options.uri,
      password: options.password,
      authorization_user: options.authorizationUser,
      display_name: options.displayName,
    });
    this.ua.on('newRTCSession', (event: RTCSessionEvent) => {
      // JsSIP's enums are declarations only; at runtime they are these strings.
      if ((event.originator as string) !== 'remote') return;
      const call = this.track(new SipCall(event.session, 'inbound', this.domain, () => this.devices, this.options.iceServers));
      for (const listener of this.incomingListeners) listener(call);
    });
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => {
        forget();
        this.ua.stop();
        reject(new Error(`SIP registration at ${this.options.server} as ${this.options.uri} failed: ${reason}`));
      };
      const onRegistered = () => {
        forget();
        resolve();
      };
      const onFailed = (event: UnRegisteredEvent) => {
        const status = event.response ? ` (${event.response.status_code} ${event.response.reason_phrase})` : '';
        fail(`${event.cause ?? 'unknown cause'}${status}`);
      };
      const onDisconnected = () => fail('cannot reach the WebSocket server');
      const forget = () => {
        this.ua.removeListener('registered', onRegistered);
        this.ua.removeListener('registrationFailed', onFailed);
        this.ua.removeListener('disconnected', onDisconnected);
      };
      this.ua.on('registered', onRegistered);
      this.ua.on('registrationFailed', onFailed);
      this.ua.on('disconnected', onDisconnected);
      this.ua.start();
    });
  }

  async stop(): Promise<void> {
    // JsSIP hangs up live calls and unregisters before it closes the socket.
    const closed = this.ua.isConnected() ? new Promise((resolve) => this.ua.once('disconnected', resolve)) : Promise.resolve();
    this.ua.stop();
    await closed;
  }

  async dial(target: string): Promise<PhoneCall> {
    const session = this.ua.call(sipTarget(target, this.domain), {
      mediaConstraints: microphone(this.devices.inputId),
      pcConfig: { iceServers: this.options.iceServers ?? [] },
    });
    return this.track(new SipCall(session, 'outbound', this.domain, () => this.devices, this.options.iceServers));
  }

  onIncoming(listener: (call: PhoneCall) => void): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  async setDevices(devices: Devices): Promise<void> {
    this.devices = devices;
    await Promise.all([...this.calls].map((call) => call.useDevices(devices)));
  }

  private track(call: SipCall): SipCall {
    this.calls.add(call);
    call.onState((state) => {
      if (state === 'ended') this.calls.delete(call);
    });
    return call;
  }
}

class SipCall implements PhoneCall {
  readonly provider = 'sip';
  readonly id: string;
  readonly remote: string;
  readonly address: string;
  private current: CallState;
  private readonly listeners = new Set<(state: CallState, end?: CallEnd) => void>();
  private readonly speaker = new Audio();
  /** A microphone picked mid-call; JsSIP only stops the stream it opened itself. */
  private switchedMicrophone?: MediaStream;
  /** Why this side is ending the call, when JsSIP cannot tell (its BYE reads as a hang-up). */
  private endingAs: CallEnd | null = null;

  constructor(
    private readonly session: RTCSession,
    readonly direction: CallDirection,
    /** The agent's SIP domain, for transfer targets given as a bare number or user. */
    private readonly domain: string,
    /** The adapter's current pick, read when the call needs a microphone. */
    private readonly devices: () => Devices,
    private readonly iceServers: RTCIceServer[] = [],
  ) {
    this.id = session.id;
    const caller = session.remote_identity;
    this.remote = caller.display_name || caller.uri.user || caller.uri.toString();
    this.address = caller.uri.toString();
    this.current = direction === 'inbound' ? 'ringing' : 'dialing';
    this.speaker.autoplay = true;
    const { outputId } = devices();
    this.routeSpeaker(outputId).catch((error: unknown) => {
      // The system default keeps playing; a vanished headset must not stop the call ringing.
      console.warn(`Cannot play the call on speaker ${outputId}:`, error);
    });

    session.on('accepted', () => this.setState('connecting'));
    session.on('confirmed', () => this.setState('connected'));
    session.on('hold', () => this.setState('held'));
    session.on('unhold', () => this.setState(this.isHeld() ? 'held' : 'connected'));
    session.on('ended', (event) => this.end(this.endingAs ?? callEnd('ended', event.originator, event.cause)));
    session.on('failed', (event) => this.end(callEnd('failed', event.originator, event.cause)));
    // Outbound sessions create their peer connection inside ua.call(), before we can listen.
    if (session.connection) this.playRemoteAudio(session.connection);
    else session.on('peerconnection', (event) => this.playRemoteAudio(event.peerconnection));
  }

  get state(): CallState {
    return this.current;
  }

  /** For tests and call-quality stats: the WebRTC connection, once it exists. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.session.connection ?? undefined;
  }

  answer(): Promise<void> {
    return this.untilDone((done) => {
      this.session.on('accepted', done);
      this.session.answer({ mediaConstraints: microphone(this.devices().inputId), pcConfig: { iceServers: this.iceServers } });
    });
  }

  decline(): void {
    if (this.current !== 'ended') this.session.terminate({ status_code: 486 });
  }

  hangup(): void {
    if (this.current !== 'ended') this.session.terminate();
  }

  setMuted(muted: boolean): void {
    if (muted) this.session.mute({ audio: true });
    else this.session.unmute({ audio: true });
  }

  async setHeld(held: boolean): Promise<void> {
    if (this.session.isOnHold().local === held) return;
    await this.untilDone((done) => {
      // JsSIP sends the re-INVITE and calls `done` on its 2xx; false means it could not start one.
      const started = held ? this.session.hold({}, done) : this.session.unhold({}, done);
      if (!started) throw new Error(`Cannot ${held ? 'hold' : 'resume'} the call now (${this.current}, or another re-INVITE is under way)`);
    });
  }

  sendDigits(digits: string): void {
    const tones = dtmfDigits(digits);
    if (tones) this.session.sendDTMF(tones);
  }

  onState(listener: (state: CallState, end?: CallEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Blind only: a REFER asks the other party to call the target; once they accept it (202), this
   * leg hangs up and ends as `transferred`. Warm (a consultation call, then REFER with Replaces)
   * is not built in this version.
   */
  async transfer(target: TransferTarget, mode: TransferMode): Promise<void> {
    if (!('address' in target)) throw new Error('A SIP call is transferred to a phone number or SIP address, not to a colleague or team of the workstation.');
    if (mode === 'warm') throw new Error('Warm transfer of SIP calls is not supported yet; transfer it blind.');
    if (this.current !== 'connected' && this.current !== 'held') throw new Error(`Only a call in progress can be transferred (this one is ${this.current}).`);
    const referTo = sipTarget(target.address, this.domain);
    await this.untilDone((done, fail) => {
      this.session.refer(referTo, {
        eventHandlers: {
          requestSucceeded: () => {
            done();
            this.endingAs = 'transferred';
            this.session.terminate();
          },
          requestFailed: (event: { cause?: string }) => fail(new Error(`The other party refused the transfer to ${referTo} (${event.cause ?? 'no reason given'}).`)),
        },
      });
    });
  }

  /** A SIP transfer fails only through `transfer` itself: the REFER is accepted or refused before it resolves. */
  onTransferFailed(): () => void {
    return () => undefined;
  }

  async useDevices(devices: Devices): Promise<void> {
    await this.routeSpeaker(devices.outputId);
    const connection = this.session.connection;
    if (!devices.inputId || !connection || this.current === 'ended') return;
    const stream = await navigator.mediaDevices.getUserMedia(microphone(devices.inputId));
    const [track] = stream.getAudioTracks();
    const sender = connection.getSenders().find((candidate) => candidate.track?.kind === 'audio');
    if (!track || !sender) return;
    // Keep the new microphone as silent as the old one while muted or on hold.
    track.enabled = !this.session.isMuted().audio && !this.isHeld();
    const previous = sender.track;
    await sender.replaceTrack(track);
    previous?.stop();
    this.switchedMicrophone = stream;
  }

  /** Runs `start`, resolving when it calls `done`; rejects when it calls `fail` or the call ends first. */
  private untilDone(start: (done: () => void, fail: (error: Error) => void) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const forget = this.onState((state, end) => {
        if (state !== 'ended') return;
        forget();
        reject(new Error(`The call ended (${end})`));
      });
      const fail = (error: unknown) => {
        forget();
        reject(error);
      };
      try {
        start(() => {
          forget();
          resolve();
        }, fail);
      } catch (error) {
        fail(error);
      }
    });
  }

  private isHeld(): boolean {
    const hold = this.session.isOnHold();
    return hold.local || hold.remote;
  }

  private playRemoteAudio(connection: RTCPeerConnection): void {
    connection.addEventListener('track', (event) => {
      if (event.track.kind !== 'audio') return;
      this.speaker.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    });
  }

  private async routeSpeaker(outputId: string | undefined): Promise<void> {
    if (outputId) await this.speaker.setSinkId(outputId);
  }

  private setState(state: CallState, end?: CallEnd): void {
    if (this.current === 'ended' || this.current === state) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state, end);
  }

  private end(reason: CallEnd): void {
    this.speaker.srcObject = null;
    this.switchedMicrophone?.getTracks().forEach((track) => track.stop());
    this.setState('ended', reason);
  }
}
