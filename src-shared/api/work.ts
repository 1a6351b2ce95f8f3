import { z } from 'zod';
import { Id } from '../domain/model.js';
import { Empty } from './method-shapes.js';

const Count = z.number().int().nonnegative();

/** A conversation offered to the agent right now, for the desktop's notification. */
export const OfferedConversation = z.object({ conversationId: Id, customerName: z.string(), preview: z.string() });

/**
 * The work waiting on the agent, as the desk's cache has it: what the dock, taskbar and tray
 * badges count. Each conversation counts once, under the first heading that fits.
 */
export const WaitingWork = z.object({
  /** Offered to this agent, to accept before the offer lapses. */
  offered: Count,
  /** Open and held by nobody in one of the agent's teams (offers to colleagues aside). */
  unassigned: Count,
  /** The agent's own open conversations whose last message is the customer's. */
  awaitingReply: Count,
  /** Colleagues' @mentions the agent has not dismissed. */
  mentions: Count,
  total: Count,
  /** The offers themselves, newest first (at most 20). */
  offers: z.array(OfferedConversation).max(20),
});
export type WaitingWork = z.infer<typeof WaitingWork>;

export const workMethods = {
  'work.waiting': { input: Empty, output: WaitingWork },
} as const;

export const workEvents = {
  /** The waiting work changed (debounced after conversations, messages and notices change). */
  'work.changed': WaitingWork,
} as const;
