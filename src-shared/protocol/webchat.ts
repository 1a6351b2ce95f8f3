import { z } from 'zod';
import { WebchatCallAnswered, WebchatCallEnded, WebchatCallHangup, WebchatCallHeld, WebchatCallRinging, WebchatCallSignal, WebchatCallStart, WebchatCallTransferring, WebchatCallWaiting } from './voice.js';
import { ATTACHMENTS_MAX } from '../domain/attachments.js';
import { Id, LanguageTag, MessageAttachments, MessageAuthor, MessageBody, TimeZone, Timestamp } from '../domain/model.js';
import { FileId } from './files.js';

/**
 * The customer's web chat (the /chat page and the embeddable widget) talks to the relay over
 * one WebSocket at WEBCHAT_PATH. A visitor token, kept by the page in localStorage, brings a
 * returning customer back to the same conversation.
 */
export const WEBCHAT_PATH = '/webchat';

export const VisitorName = z.string().trim().min(1, 'please give your name').max(80);

export const WebchatHello = z.object({
  type: z.literal('hello'),
  tenant: Id.optional(),
  visitorToken: z.string().max(128).optional(),
  name: VisitorName,
  language: LanguageTag,
  /** The visitor's own zone, so times told to them read as their local time. */
  timeZone: TimeZone.optional(),
});
export const WebchatSend = z.object({
  type: z.literal('send'),
  /** Chosen by the page; a retried send with the same id is stored once. */
  clientMessageId: z.string().min(8).max(64),
  /** The caption, or with no caption the files' names. */
  body: MessageBody,
  /** Files the customer uploaded first (CHAT_FILES_PATH), by the id each upload answered. */
  attachments: z.array(FileId).max(ATTACHMENTS_MAX).optional(),
});
/** The customer's satisfaction with a resolved conversation: 1 (very unhappy) to 5 (very happy). */
export const WebchatRate = z.object({
  type: z.literal('rate'),
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});
export const WebchatClientFrame = z.discriminatedUnion('type', [WebchatHello, WebchatSend, WebchatRate, WebchatCallStart, WebchatCallSignal, WebchatCallHangup]);
export type WebchatClientFrame = z.infer<typeof WebchatClientFrame>;

/** What a customer sees of a message: no internal ids of agents. */
export const WebchatMessage = z.object({
  id: Id,
  author: MessageAuthor,
  authorName: z.string(),
  body: z.string(),
  createdAt: Timestamp,
  clientMessageId: z.string().nullable(),
  /** Downloaded from `${CHAT_FILES_PATH}/<fileId>` with the visitor token; absent when none. */
  attachments: MessageAttachments.optional(),
});
export type WebchatMessage = z.infer<typeof WebchatMessage>;

export const WebchatReady = z.object({
  type: z.literal('ready'),
  visitorToken: z.string(),
  conversationId: Id,
  messages: z.array(WebchatMessage),
});
export const WebchatMessageFrame = z.object({
  type: z.literal('message'),
  message: WebchatMessage,
});
export const WebchatError = z.object({
  type: z.literal('error'),
  message: z.string(),
});
/** While no agent has the conversation yet: the customer's place in line and the wait expected. */
export const WebchatQueue = z.object({
  type: z.literal('queue'),
  position: z.number().int().positive().nullable(),
  estimatedWaitMs: z.number().int().nonnegative().nullable(),
});
/**
 * Whether the header may promise a reply in the customer's language, for this conversation as it
 * stands: its agent (or, while it waits, someone of its team at work) writes it or translates it
 * on their desk both ways. Sent after `ready` and whenever it changes.
 */
export const WebchatLanguage = z.object({
  type: z.literal('language'),
  yours: z.boolean(),
});
/** The conversation was resolved: the customer may rate it (once). */
export const WebchatRatingRequest = z.object({
  type: z.literal('rating-request'),
});
export const WebchatServerFrame = z.discriminatedUnion('type', [
  WebchatReady,
  WebchatMessageFrame,
  WebchatError,
  WebchatQueue,
  WebchatLanguage,
  WebchatRatingRequest,
  WebchatCallRinging,
  WebchatCallAnswered,
  WebchatCallSignal,
  WebchatCallHeld,
  WebchatCallEnded,
  WebchatCallTransferring,
  WebchatCallWaiting,
]);
export type WebchatServerFrame = z.infer<typeof WebchatServerFrame>;
