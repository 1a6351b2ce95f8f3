import { z } from 'zod';
import { CallSummary, Id, MessageBody } from '../../domain/model.js';

/** A finished call, with the agent's wrap-up, as an entry in the conversation's timeline. */
export const CallLog = z.object({
  kind: z.literal('call.log'),
  conversationId: Id,
  messageId: Id,
  call: CallSummary,
  /** The agent's wrap-up notes, or a line saying what the call was when they wrote none. */
  body: MessageBody,
});

export const CALL_MUTATIONS = [CallLog] as const;
export type CallMutationKind = z.infer<(typeof CALL_MUTATIONS)[number]>['kind'];
