import type { CallEndText, CallText } from './strings.js';

/** The chat page's call button, and the bar under the thread while a call is on. */
export interface CallBarElements {
  button: HTMLButtonElement;
  bar: HTMLElement;
  status: HTMLElement;
  mute: HTMLButtonElement;
  hangUp: HTMLButtonElement;
  audio: HTMLAudioElement;
}

/** `data-state` of the bar, which the page's style and the browser tests read. */
export type CallBarState = 'ringing' | 'waiting' | 'connected' | 'held' | 'ended';

export interface CallBarActions {
  call(): void;
  hangUp(): void;
  toggleMute(): void;
}

/** What the customer sees of a call; the call itself is in web-call.ts. */
export class CallBar {
  private inCall = false;
  private online = true;

  constructor(
    private readonly el: CallBarElements,
    readonly text: CallText,
  ) {}

  /** Shows the Call button (browsers with WebRTC only). */
  offer(actions: CallBarActions): void {
    this.el.button.textContent = this.text.call;
    this.el.button.hidden = false;
    this.el.hangUp.textContent = this.text.hangUp;
    this.el.mute.textContent = this.text.mute;
    this.el.button.addEventListener('click', () => actions.call());
    this.el.hangUp.addEventListener('click', () => actions.hangUp());
    this.el.mute.addEventListener('click', () => actions.toggleMute());
  }

  /** A call starts: one at a time. */
  dialing(): void {
    this.inCall = true;
    this.updateButton();
  }

  /** Without the chat's connection a call cannot start: the button says so by being off. */
  reachable(online: boolean): void {
    this.online = online;
    this.updateButton();
  }

  private updateButton(): void {
    this.el.button.disabled = this.inCall || !this.online;
  }

  show(status: string, state: Exclude<CallBarState, 'ended'>): void {
    this.el.bar.hidden = false;
    this.el.bar.dataset.state = state;
    this.el.status.textContent = status;
    this.el.hangUp.hidden = false;
    this.el.mute.hidden = state === 'ringing';
  }

  muted(muted: boolean): void {
    this.el.mute.textContent = muted ? this.text.unmute : this.text.mute;
    this.el.mute.setAttribute('aria-pressed', String(muted));
  }

  play(stream: MediaStream | null): void {
    this.el.audio.srcObject = stream;
  }

  ended(why: CallEndText): void {
    this.inCall = false;
    this.updateButton();
    this.el.mute.hidden = true;
    this.el.hangUp.hidden = true;
    this.el.mute.textContent = this.text.mute;
    this.el.status.textContent = this.text[why];
    this.el.bar.dataset.state = 'ended';
  }
}
