import { z } from 'zod';
import { Id } from '../domain/model.js';
import { ReplyOptions } from '../protocol/channels/templates.js';

/**
 * How a reply to a conversation on a messaging app may go now, from the relay (online only): its
 * reply window (WhatsApp's 24 hours; Messenger's and Instagram's 24 hours, then 7 days with the
 * human-agent tag) and, once WhatsApp's has closed, the account's approved templates.
 */
export const repliesMethods = {
  'replies.options': { input: z.object({ conversationId: Id }).strict(), output: ReplyOptions },
} as const;
