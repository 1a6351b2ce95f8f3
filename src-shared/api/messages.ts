import { z } from 'zod';
import { Conversation, Id } from '../domain/model.js';
import { LocalMessage } from './local-records.js';
import { Empty, PageLimit } from './method-shapes.js';
import { EmailOriginalView } from '../protocol/email.js';
import { TranslationOutcome } from './translation.js';
import { RevealRequest, RevealResponse } from '../protocol/masking.js';

/** The original as the desk shows it: its inline images read from the relay, as data: URLs by file id (one that could not be read is absent). */
export const EmailOriginalShown = EmailOriginalView.extend({ inlineImageData: z.record(z.string(), z.string().startsWith('data:image/')) });
export type EmailOriginalShown = z.infer<typeof EmailOriginalShown>;

export const messagesMethods = {
  /** Send a `failed` reply again, as written, to the conversation as it is now. */
  'messages.retry': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ message: LocalMessage }),
  },
  /**
   * Send a reply that the messaging app refused (its channel delivery failed) once more, as a new
   * reply with the same text, files, template and email fields, to the conversation as it is now.
   */
  'messages.sendAgain': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ message: LocalMessage }),
  },
  /** Drop a `failed` reply for good; the agent chose to, after seeing why it was refused. */
  'messages.discard': {
    input: z.object({ messageId: Id }).strict(),
    output: Empty,
  },
  'messages.search': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: PageLimit.default(20) }).strict(),
    output: z.object({
      hits: z.array(
        z.object({ message: LocalMessage, conversation: Conversation, snippet: z.string() }),
      ),
    }),
  },
  /** The full mail behind an email message ("Show original"), from the relay (online only). */
  'messages.emailOriginal': {
    input: z.object({ messageId: Id }).strict(),
    output: EmailOriginalShown,
  },
  /** A mail's remote images, fetched by the workstation when the agent asks to see them, as data: URLs (null: not an image it could fetch). */
  'messages.emailImages': {
    input: z.object({ urls: z.array(z.string().url().max(2000)).max(50) }).strict(),
    output: z.object({ images: z.record(z.string(), z.string().nullable()) }),
  },
  /** One masked value of a message, from the relay, for this view only: the reason is audited there (online only). */
  'messages.reveal': {
    input: RevealRequest.omit({ conversationId: true }),
    output: RevealResponse,
  },
  /** A customer message in the agent's language (from the cache, or translated now, ahead of background work). */
  'messages.translate': {
    input: z.object({ messageId: Id }).strict(),
    output: TranslationOutcome,
  },
} as const;

export const messagesEvents = {
  'messages.changed': z.object({ conversationId: Id, messageIds: z.array(Id) }),
} as const;
