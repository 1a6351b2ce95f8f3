import { z } from 'zod';
import { Id } from '../domain/model.js';
import { EmailSenders, NewEmail } from '../protocol/email.js';

/**
 * A new mail to a customer, from the desk. It needs the relay (it opens a conversation there);
 * the renderer chooses `messageId` once per draft, so sending again after a lost answer opens
 * one conversation, not two.
 */
export const emailMethods = {
  /** The mailboxes this agent may start a mail from. */
  'email.senders': { input: z.object({}).strict(), output: EmailSenders },
  /** Answers once the new conversation is on this workstation, ready to open. */
  'email.start': { input: NewEmail, output: z.object({ conversationId: Id }) },
} as const;
