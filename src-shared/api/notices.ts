import { z } from 'zod';
import { Id } from '../domain/model.js';
import { Empty } from './method-shapes.js';

/**
 * Something the server decided that overrode what the agent did, told plainly (issue: the
 * server decides). The renderer words it from `kind` and the names; `detail` is the relay's text.
 */
export const NoticeKind = z.enum(['reassigned', 'resolved-elsewhere', 'erased', 'claim-lost', 'reply-not-sent', 'status-not-applied', 'change-not-applied', 'mentioned']);
export type NoticeKind = z.infer<typeof NoticeKind>;
export const Notice = z.object({
  id: Id,
  at: z.number(),
  kind: NoticeKind,
  conversationId: Id,
  /** The customer's name, kept so the notice still reads well after the conversation is gone. */
  customerName: z.string(),
  /** Who holds the conversation now, for reassigned / claim-lost; who wrote the note, for mentioned. */
  otherAgentName: z.string().nullable(),
  messageId: Id.nullable(),
  detail: z.string(),
  /** The conversation is in this workstation's cache (a mention may be about one the agent cannot see). */
  openable: z.boolean(),
});
export type Notice = z.infer<typeof Notice>;

export const noticesMethods = {
  'notices.list': { input: Empty, output: z.object({ notices: z.array(Notice) }) },
  'notices.dismiss': { input: z.object({ noticeId: Id }).strict(), output: Empty },
} as const;

export const noticesEvents = {
  'notices.changed': z.object({ notices: z.array(Notice) }),
} as const;
