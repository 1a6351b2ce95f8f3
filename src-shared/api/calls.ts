import { z } from 'zod';
import { CALL_PROVIDERS, CallSummary, Id } from '../domain/model.js';
import { AgentCallFrame, RelayCallFrame } from '../protocol/voice.js';
import { LocalMessage } from './local-records.js';
import { Empty } from './method-shapes.js';

/** A call that ended and waits for the agent's wrap-up; kept in the cache until it is logged. */
export const PendingWrapUp = z.object({ id: Id, conversationId: Id.nullable(), call: CallSummary });
export type PendingWrapUp = z.infer<typeof PendingWrapUp>;

/**
 * Who handed a ringing call over, and their note: the shell words it in the agent's language, so
 * it travels as data, not as a sentence.
 */
export const CallTransfer = z.object({ name: z.string().max(200), note: z.string().max(400) }).strict();

export const callsMethods = {
  /** A finished call with the agent's wrap-up code and notes, into the conversation's timeline (through the outbox). */
  'calls.log': {
    input: z.object({ conversationId: Id, call: CallSummary, notes: z.string().max(4000).default(''), wrapUpId: Id.optional() }).strict(),
    output: z.object({ message: LocalMessage }),
  },
  /** A call ended and the agent is wrapping it up: kept on the desk until `calls.log` names it. */
  'calls.awaitWrapUp': {
    input: z.object({ conversationId: Id.nullable(), call: CallSummary }).strict(),
    output: z.object({ wrapUp: PendingWrapUp }),
  },
  /** Calls of this agent still waiting for their wrap-up, oldest first (after a reload or a crash). */
  'calls.pendingWrapUps': { input: Empty, output: z.object({ wrapUps: z.array(PendingWrapUp) }) },
  /** A call rings in the softphone (any provider): the desktop shell shows a notification. */
  'calls.announce': {
    input: z.object({ remote: z.string().max(200), provider: z.enum(CALL_PROVIDERS), transferredBy: CallTransfer.nullable() }).strict(),
    output: Empty,
  },
  /** A web call's answer, decline, signal, hold or hang-up, sent to the relay now (online only). */
  'calls.send': { input: z.object({ frame: AgentCallFrame }).strict(), output: Empty },
} as const;

export const callsEvents = {
  /** A call rings in the softphone; for the desktop notification. */
  'calls.ringing': z.object({ remote: z.string(), provider: z.enum(CALL_PROVIDERS), transferredBy: CallTransfer.nullable() }),
  /** A web call rings this desk, negotiates, or ended. */
  'calls.frame': RelayCallFrame,
} as const;
