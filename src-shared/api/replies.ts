import { z } from 'zod';
import { Id, LanguageTag, MESSAGE_BODY_MAX, Timestamp } from '../domain/model.js';
import { ReplyCheckHit } from '../reply-checks/reply-flags.js';
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
  /**
   * The company's reply rules (docs/privacy.md, "Reply checks") on a reply being written: the
   * agent's draft and, when it is translated, the text the customer will get. On the device,
   * offline; `conversations.reply` runs the same check again before anything is queued.
   */
  'replies.check': {
    input: z
      .object({
        conversationId: Id,
        draft: z.string().max(MESSAGE_BODY_MAX),
        translation: z.object({ body: z.string().max(MESSAGE_BODY_MAX), language: LanguageTag }).strict().nullable().default(null),
      })
      .strict(),
    output: z.object({ hits: z.array(ReplyCheckHit) }),
  },
} as const;
