import type { Mutation } from '../../src-shared/protocol/sync.js';

/**
 * How long a resolution waits in the outbox before it goes to the relay, so the agent can take it
 * back (`conversations.undoResolve`): once the relay has it, the customer is asked for a rating.
 */
export const RESOLVE_UNDO_MS = 5_000;

/**
 * When the relay may have this change: a resolution once its undo window has passed, anything
 * else at once. Reckoned from the outbox row's own time, so a window survives a restart of the
 * desk; a clock set back past the row's time ends the window rather than stretching it.
 */
export function heldUntil(mutation: Mutation, now: number, undoMs: number): number | null {
  const { body } = mutation;
  if (body.kind !== 'conversation.setStatus' || body.status !== 'resolved') return null;
  const until = mutation.createdAt + undoMs;
  return now >= mutation.createdAt && now < until ? until : null;
}

/**
 * The changes that may go now: the oldest, up to the first one still held. Later changes wait
 * behind it, because the relay applies a desk's changes in the order of their ids and skips an
 * id below one it has applied. `wakeAt` is when the held one may go.
 */
export function sendableNow(mutations: readonly Mutation[], now: number, undoMs: number): { sendable: Mutation[]; wakeAt: number | null } {
  const held = mutations.findIndex((mutation) => heldUntil(mutation, now, undoMs) !== null);
  if (held < 0) return { sendable: [...mutations], wakeAt: null };
  return { sendable: mutations.slice(0, held), wakeAt: heldUntil(mutations[held]!, now, undoMs) };
}
