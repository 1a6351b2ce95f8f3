import { z } from 'zod';
import { Id, Timestamp } from '../domain/model.js';
import { ReplyOptions } from '../protocol/channels/templates.js';

/**
 * The options as the desk answers them: the relay's; or, offline, the window as reckoned from the
 * cached conversation with the account's templates as last fetched (`templatesFetchedAt`, null
 * when none were ever fetched for it, so they cannot be offered until the desk reconnects).
 */
export const DeskReplyOptions = ReplyOptions.extend({
  offline: z.object({ templatesFetchedAt: Timestamp.nullable() }).strict().optional(),
});
export type DeskReplyOptions = z.infer<typeof DeskReplyOptions>;

/**
 * How a reply to a conversation on a messaging app may go now: its reply window (WhatsApp's 24
 * hours; Messenger's and Instagram's 24 hours, then 7 days with the human-agent tag) and, once
 * WhatsApp's has closed, the account's approved templates.
 */
export const repliesMethods = {
  'replies.options': { input: z.object({ conversationId: Id }).strict(), output: DeskReplyOptions },
} as const;
