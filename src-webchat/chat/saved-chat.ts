import { z } from 'zod';

/** A message of this customer that the relay has not echoed yet. */
const PendingMessage = z.object({
  clientMessageId: z.string(),
  body: z.string(),
  createdAt: z.number(),
  /** Files uploaded already, by id: only the message is left to send. */
  attachments: z.array(z.string()).optional(),
});
export type PendingMessage = z.infer<typeof PendingMessage>;

const StoredChat = z.object({
  visitorToken: z.string().optional(),
  name: z.string().optional(),
  outbox: z.array(PendingMessage).optional(),
});

/**
 * What the page keeps in localStorage, per company: the visitor token that brings the customer
 * back to their conversation, their name, and their unsent messages.
 */
export class SavedChat {
  visitorToken: string | undefined;
  name: string | undefined;
  /** Sent or waiting, oldest first. */
  outbox: PendingMessage[];

  constructor(private readonly key: string) {
    const stored = load(key);
    this.visitorToken = stored.visitorToken;
    this.name = stored.name;
    this.outbox = stored.outbox ?? [];
  }

  queue(message: PendingMessage): void {
    this.outbox.push(message);
    this.save();
  }

  /** The relay has the message: it leaves the outbox. */
  confirm(clientMessageId: string): void {
    this.outbox = this.outbox.filter((message) => message.clientMessageId !== clientMessageId);
    this.save();
  }

  save(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify({ visitorToken: this.visitorToken, name: this.name, outbox: this.outbox }));
    } catch {
      // See load().
    }
  }
}

/**
 * localStorage can be refused (private mode, blocked third-party storage in an iframe): the chat
 * still works, it just forgets on reload. What cannot be read is forgotten too.
 */
function load(key: string): z.infer<typeof StoredChat> {
  try {
    const parsed = StoredChat.safeParse(JSON.parse(localStorage.getItem(key) || '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
