import { z } from 'zod';
import { ConversationStatus, Id, Label, LABELS_MAX, MENTIONS_MAX, MessageAttachments, MessageBody, MessageOriginal } from '../../domain/model.js';
import { EmailReply } from '../../domain/email-reply.js';
import { TemplateChoice } from '../channels/templates.js';
import { REPLY_FLAGS_MAX, ReplyFlagRecord } from '../../reply-checks/reply-flags.js';

/**
 * What an agent's desk asks of a conversation: its messages (reply, note) and who holds it, its
 * status, labels and routing signals. The relay's rules for these live in src-relay/conversations.
 */

/** What the agent saw when writing; the relay refuses a reply whose basis no longer holds. */
export const ReplyBasis = z.object({
  assigneeId: Id.nullable(),
  status: ConversationStatus,
});
export type ReplyBasis = z.infer<typeof ReplyBasis>;

export const ReplySend = z.object({
  kind: z.literal('reply.send'),
  conversationId: Id,
  /** Chosen by the client, so a retried push cannot create a second message. */
  messageId: Id,
  body: MessageBody,
  /** The agent's own words when `body` is their translation. */
  original: MessageOriginal.optional(),
  /** Absent for clients that predate it: then only permission is checked. */
  basis: ReplyBasis.optional(),
  /** The approved template this reply is (outside a messaging app's window); `body` is its rendering, kept in the transcript. */
  template: TemplateChoice.optional(),
  /**
   * Files the agent uploaded (DESK_FILES_PATH) to send with the reply. The relay keeps only each
   * id and name: the type, size and kind come from its own record of the file.
   */
  attachments: MessageAttachments.optional(),
  /** Email only: subject, CC, BCC, the quoted last mail, or the message forwarded and to whom. */
  email: EmailReply.optional(),
  /** The company's reply rules that flagged this reply on the desk; the relay audits them and shows them to supervisors. */
  flags: z.array(ReplyFlagRecord).max(REPLY_FLAGS_MAX).optional(),
});
export const NoteAdd = z.object({
  kind: z.literal('note.add'),
  conversationId: Id,
  messageId: Id,
  body: MessageBody,
  /** Colleagues named in the note, who are notified. */
  mentions: z.array(Id).max(MENTIONS_MAX).optional(),
});
/** Take a conversation from the team queue; of several racing agents exactly one wins. */
export const ConversationClaim = z.object({
  kind: z.literal('conversation.claim'),
  conversationId: Id,
});
export const ConversationSetStatus = z.object({
  kind: z.literal('conversation.setStatus'),
  conversationId: Id,
  status: ConversationStatus,
});
/** The agent takes a conversation offered to them, before the offer lapses. */
export const ConversationAccept = z.object({ kind: z.literal('conversation.accept'), conversationId: Id });
/** The agent lets an offer go at once: it moves on to the next agent. */
export const ConversationDecline = z.object({ kind: z.literal('conversation.decline'), conversationId: Id });
/** An intent id as routing skills name them; desks send no other. */
export const INTENT_ID = /^[a-z][a-z0-9_]*$/;
/** What a desk's on-device models found in the customer's messages, for routing: the intent and whether they are upset. */
export const ConversationSignal = z.object({
  kind: z.literal('conversation.signal'),
  conversationId: Id,
  intent: z.string().regex(INTENT_ID).max(64).nullable(),
  upset: z.boolean(),
});
/** A supervisor (or admin) gives a conversation of their team to someone, themselves included, or back to the queue (null). */
export const ConversationAssign = z.object({
  kind: z.literal('conversation.assign'),
  conversationId: Id,
  assigneeId: Id.nullable(),
});
export const ConversationSetLabels = z.object({
  kind: z.literal('conversation.setLabels'),
  conversationId: Id,
  labels: z.array(Label).max(LABELS_MAX),
});

/** Every conversation mutation; a new one is added here and nowhere else in src-shared. */
export const CONVERSATION_MUTATIONS = [
  ReplySend,
  NoteAdd,
  ConversationSetStatus,
  ConversationClaim,
  ConversationAssign,
  ConversationSignal,
  ConversationAccept,
  ConversationDecline,
  ConversationSetLabels,
] as const;
export type ConversationMutation = z.infer<(typeof CONVERSATION_MUTATIONS)[number]>;
export type ConversationMutationKind = ConversationMutation['kind'];
