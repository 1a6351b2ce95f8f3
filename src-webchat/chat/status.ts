import type { ChatText } from './strings.js';

export type ConnectionStatus = 'connecting' | 'reconnecting' | 'online';

export interface StatusElements {
  status: HTMLElement;
  statusText: HTMLElement;
  languagePromise: HTMLElement;
  banner: HTMLElement;
  queue: HTMLElement;
}

/** What the customer is told about the connection, the relay's refusals and their place in line. */
export class StatusLine {
  constructor(
    private readonly el: StatusElements,
    private readonly text: ChatText,
  ) {}

  connection(state: ConnectionStatus): void {
    this.el.status.setAttribute('data-state', state);
    this.el.statusText.textContent = this.text[state];
    if (state === 'online') this.el.banner.hidden = true;
  }

  /**
   * "We reply in your language" only when the relay says this conversation's agent (or, while it
   * waits, someone of its team at work) can; otherwise an honest line instead.
   */
  promise(yours: boolean): void {
    this.el.languagePromise.textContent = yours ? this.text.subtitle : this.text.subtitleUnsure;
    this.el.languagePromise.setAttribute('data-promise', yours ? 'yours' : 'unsure');
    this.el.languagePromise.hidden = false;
  }

  /** A refusal once the chat is going (too fast, conversation erased): the chat goes on. */
  banner(message: string): void {
    this.el.banner.textContent = message;
    this.el.banner.hidden = false;
  }

  /** No position: an agent has the conversation, the line is gone. */
  placeInLine(position: number | null, estimatedWaitMs: number | null): void {
    if (position === null) {
      this.el.queue.hidden = true;
      return;
    }
    const line =
      estimatedWaitMs === null ? this.text.queueUnknown : this.text.queue.replace('{m}', String(Math.max(1, Math.ceil(estimatedWaitMs / 60000))));
    this.el.queue.textContent = line.replace('{n}', String(position));
    this.el.queue.hidden = false;
  }
}
