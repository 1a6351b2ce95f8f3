import { EmailReply } from '../domain/email-reply.js';
import { z } from 'zod';
import { TemplateChoice } from '../protocol/channels/templates.js';
import { Channel, Conversation, ConversationStatus, Id, Label, LABELS_MAX, LanguageTag, MessageAttachments, MessageBody } from '../domain/model.js';
import { LocalConversation, LocalMessage } from './local-records.js';
import { REPLY_FLAGS_MAX } from '../reply-checks/reply-flags.js';
import { ReplyRuleId } from '../reply-checks/reply-rules.js';
import { Empty, PageLimit } from './method-shapes.js';
import { InboxView } from './views.js';

export const ConversationListFilter = z.enum(['open', 'pending', 'resolved', 'all']);
export type ConversationListFilter = z.infer<typeof ConversationListFilter>;

/**
 * How long a pause of a resolve's undo window lasts unless the desk renews it: a renderer that
 * went away while the agent was on the toast stops renewing, and the resolution goes after all.
 */
export const UNDO_PAUSE_LEASE_MS = 30_000;

export const conversationsMethods = {
  'conversations.list': {
    input: z
      .object({
        status: ConversationListFilter.default('all'),
        /** Which view the list is of (views.ts), all when absent; the status tab, label and channel narrow it further. */
        view: InboxView.optional(),
        /** Only conversations carrying this label. */
        label: Label.nullish(),
        /** Only conversations on this channel (WhatsApp, LINE, web chat, ...). */
        channel: Channel.nullish(),
        /** Opaque cursor from a previous page's `nextCursor`. */
        cursor: z.string().max(200).nullable().default(null),
        limit: PageLimit.default(50),
      })
      .strict(),
    output: z.object({ items: z.array(LocalConversation), nextCursor: z.string().nullable() }),
  },
  'conversations.get': {
    input: z
      .object({
        conversationId: Id,
        /** Opaque cursor from `olderCursor` to read further back. */
        before: z.string().max(200).nullable().default(null),
        limit: PageLimit.default(50),
      })
      .strict(),
    output: z.object({
      conversation: LocalConversation,
      /** Oldest first. */
      messages: z.array(LocalMessage),
      olderCursor: z.string().nullable(),
    }),
  },
  'conversations.reply': {
    input: z
      .object({
        conversationId: Id,
        /** What the customer receives. */
        body: MessageBody,
        /** When `body` is a translation: what the agent wrote, kept in the transcript beside it. */
        original: z.object({ body: MessageBody, language: LanguageTag }).strict().optional(),
        /** The approved template `body` renders (after a messaging app's window); the customer gets the template. */
        template: TemplateChoice.optional(),
        /** Files uploaded first (`files.upload`), sent with the reply. */
        attachments: MessageAttachments.optional(),
        /** Email only: subject, CC, BCC, the quoted last mail, or a forward. */
        email: EmailReply.optional(),
        /**
         * Reply checks: the warnings the agent chose to send anyway (a reply with any other
         * warning, or with a block, is refused), and every rule shown while the reply was written,
         * so a supervisor also sees the ones the agent fixed.
         */
        checks: z
          .object({
            overrides: z.array(ReplyRuleId).max(REPLY_FLAGS_MAX).default([]),
            shown: z.array(ReplyRuleId).max(REPLY_FLAGS_MAX).default([]),
          })
          .strict()
          .optional(),
      })
      .strict(),
    output: z.object({ message: LocalMessage }),
  },
  /** A resolution waits `undoWindowMs` on the desk before it goes to the relay (and the customer is asked for a rating); null for any other change. */
  'conversations.setStatus': {
    input: z.object({ conversationId: Id, status: ConversationStatus }).strict(),
    output: z.object({ conversation: Conversation, undoWindowMs: z.number().int().nonnegative().nullable() }),
  },
  /** Takes back a resolution still in its undo window: the relay and the customer never hear of it. Refused once it has gone. */
  'conversations.undoResolve': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ conversation: Conversation }),
  },
  /**
   * Pauses a held resolution's undo window while the agent is on its toast (keyboard focus or
   * pointer), or runs it again with what it had left (at least a short minimum). Renew a pause
   * within UNDO_PAUSE_LEASE_MS. `undoWindowMs`: the time it has left; null when nothing is held.
   */
  'conversations.pauseUndo': {
    input: z.object({ conversationId: Id, paused: z.boolean() }).strict(),
    output: z.object({ undoWindowMs: z.number().int().nonnegative().nullable() }),
  },
  /** The team's labels on a conversation, replacing the ones it had. */
  'conversations.setLabels': {
    input: z.object({ conversationId: Id, labels: z.array(Label).max(LABELS_MAX) }).strict(),
    output: z.object({ conversation: LocalConversation }),
  },
  /** Take the conversation offered to you, before the offer lapses; the relay decides. */
  'conversations.accept': { input: z.object({ conversationId: Id }).strict(), output: Empty },
  /** Let the offer go: it moves on to a colleague at once. */
  'conversations.decline': { input: z.object({ conversationId: Id }).strict(), output: Empty },
  /** Supervisors and admins: give a conversation of their team to a member, take it over (their own id), or put it back in the queue (null). */
  'conversations.assign': {
    input: z.object({ conversationId: Id, assigneeId: Id.nullable() }).strict(),
    output: Empty,
  },
  /** Take a queued conversation; of several agents racing for it, the relay lets exactly one win. */
  'conversations.claim': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ conversation: Conversation }),
  },
} as const;

export const conversationsEvents = {
  'conversations.changed': z.object({ conversationIds: z.array(Id) }),
} as const;
