import type { MessageAuthor } from '../../src-shared/domain/model.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import type { WebchatMessage } from '../../src-shared/protocol/webchat.js';
import { attachmentList } from './chat-files.js';
import { formatTime } from './locale.js';
import type { PendingMessage } from './saved-chat.js';
import type { ChatText } from './strings.js';

export interface ThreadElements {
  thread: HTMLOListElement;
  threadScroll: HTMLElement;
}

/**
 * The conversation as the customer sees it: the relay's messages in order, then this customer's
 * messages that the relay has not confirmed yet. Every text goes in with textContent, never as markup.
 */
export class Thread {
  /** By message id. */
  private readonly shown = new Map<string, HTMLLIElement>();
  /** By clientMessageId, in the order written. */
  private readonly pending = new Map<string, HTMLLIElement>();

  constructor(
    private readonly el: ThreadElements,
    private readonly text: ChatText,
    private readonly language: string,
    /** The relay echoed one of this customer's pending messages. */
    private readonly confirmed: (clientMessageId: string) => void,
    /** Fetches the files messages carry. */
    private readonly visitorToken: () => string | undefined,
  ) {}

  /** Everything the relay has, as on (re)connecting. */
  showAll(messages: WebchatMessage[]): void {
    this.shown.forEach((node) => node.remove());
    this.shown.clear();
    messages.forEach((message) => this.show(message));
    // Unconfirmed messages stay last, after everything the relay has.
    this.pending.forEach((node) => this.el.thread.appendChild(node));
    this.scrollToEnd();
  }

  show(message: WebchatMessage): void {
    if (this.shown.has(message.id)) return;
    const node = this.item(message.author, message.authorName, message.body, message.createdAt, message.attachments);
    const waiting = message.clientMessageId ? this.pending.get(message.clientMessageId) : undefined;
    if (message.clientMessageId && waiting) {
      this.el.thread.replaceChild(node, waiting);
      this.pending.delete(message.clientMessageId);
      this.confirmed(message.clientMessageId);
    } else {
      const firstPending = this.pending.values().next().value;
      this.el.thread.insertBefore(node, firstPending ?? null);
    }
    this.shown.set(message.id, node);
  }

  showPending(message: PendingMessage): void {
    if (this.pending.has(message.clientMessageId)) return;
    const node = this.item('customer', this.text.you, message.body, message.createdAt);
    node.setAttribute('data-state', 'pending');
    const time = node.querySelector('time');
    if (time) time.textContent = this.text.sending;
    this.el.thread.appendChild(node);
    this.pending.set(message.clientMessageId, node);
  }

  scrollToEnd(): void {
    this.el.threadScroll.scrollTop = this.el.threadScroll.scrollHeight;
  }

  private item(author: MessageAuthor, authorName: string, body: string, createdAt: number, attachments: readonly MessageAttachment[] = []): HTMLLIElement {
    const item = document.createElement('li');
    item.className = `message from-${author}`;
    item.setAttribute('data-testid', 'chat-message');
    item.setAttribute('data-author', author);
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    if (author === 'agent') {
      const who = document.createElement('span');
      who.className = 'author';
      who.textContent = authorName;
      bubble.appendChild(who);
    }
    const content = document.createElement('p');
    content.className = 'body';
    content.dir = 'auto';
    content.textContent = body;
    bubble.appendChild(content);
    if (attachments.length) bubble.appendChild(attachmentList(attachments, this.visitorToken));
    const time = document.createElement('time');
    time.dateTime = new Date(createdAt).toISOString();
    time.textContent = formatTime(createdAt, this.language);
    bubble.appendChild(time);
    item.appendChild(bubble);
    return item;
  }
}
