import type { Mutation } from '../../src-shared/protocol/sync.js';
import { UNDO_PAUSE_LEASE_MS } from '../../src-shared/api/conversations.js';

/**
 * How long a resolution waits in the outbox before it goes to the relay, so the agent can take it
 * back (`conversations.undoResolve`): once the relay has it, the customer is asked for a rating.
 */
export const RESOLVE_UNDO_MS = 5_000;

/** The least a paused window has left once it runs again, so the agent leaving the toast can still come back to it. */
export const RESUME_MIN_MS = 2_000;

/**
 * A window the agent stretched (`conversations.pauseUndo`, WCAG 2.2.1): paused with `leftMs` to go
 * until `leaseEnds` (a renderer that went away stops renewing, so the outbox is never stuck behind
 * it), or running again until `until`. Kept in memory only: a restart ends a pause, as it would the window.
 */
export type WindowStretch = { leftMs: number; leaseEnds: number } | { until: number };
export type WindowStretches = ReadonlyMap<number, WindowStretch>;

const NONE: WindowStretches = new Map();

function endOf(mutation: Mutation, undoMs: number, stretches: WindowStretches): number {
  const stretch = stretches.get(mutation.mutationId);
  if (!stretch) return mutation.createdAt + undoMs;
  return 'until' in stretch ? stretch.until : stretch.leaseEnds + stretch.leftMs;
}

/**
 * When the relay may have this change: a resolution once its undo window has passed, anything
 * else at once. Reckoned from the outbox row's own time, so a window survives a restart of the
 * desk; a clock set back past the row's time ends the window rather than stretching it.
 */
export function heldUntil(mutation: Mutation, now: number, undoMs: number, stretches: WindowStretches = NONE): number | null {
  const { body } = mutation;
  if (body.kind !== 'conversation.setStatus' || body.status !== 'resolved') return null;
  const until = endOf(mutation, undoMs, stretches);
  return now >= mutation.createdAt && now < until ? until : null;
}

/**
 * The changes that may go now: the oldest, up to the first one still held. Later changes wait
 * behind it, because the relay applies a desk's changes in the order of their ids and skips an
 * id below one it has applied. `wakeAt` is when the held one may go.
 */
export function sendableNow(mutations: readonly Mutation[], now: number, undoMs: number, stretches: WindowStretches = NONE): { sendable: Mutation[]; wakeAt: number | null } {
  const held = mutations.findIndex((mutation) => heldUntil(mutation, now, undoMs, stretches) !== null);
  if (held < 0) return { sendable: [...mutations], wakeAt: null };
  return { sendable: mutations.slice(0, held), wakeAt: heldUntil(mutations[held]!, now, undoMs, stretches) };
}

/** The undo windows of the resolutions this desk holds, with the pauses the agent asked for. */
export class ResolutionHolds {
  private readonly stretches = new Map<number, WindowStretch>();
  /** Pushes again when the first held resolution's window ends. */
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly undoMs: number,
    private readonly leaseMs = UNDO_PAUSE_LEASE_MS,
    private readonly resumeMinMs = RESUME_MIN_MS,
  ) {}

  heldUntil(mutation: Mutation, now: number): number | null {
    return heldUntil(mutation, now, this.undoMs, this.stretches);
  }

  sendableNow(mutations: readonly Mutation[], now: number): { sendable: Mutation[]; wakeAt: number | null } {
    return sendableNow(mutations, now, this.undoMs, this.stretches);
  }

  /** Stops the window (or renews a pause's lease); the time it had left, or null when it is not held. */
  pause(mutation: Mutation, now: number): number | null {
    const until = this.heldUntil(mutation, now);
    if (until === null) return null;
    const stretch = this.stretches.get(mutation.mutationId);
    const leftMs = stretch && 'leftMs' in stretch ? stretch.leftMs : until - now;
    this.stretches.set(mutation.mutationId, { leftMs, leaseEnds: now + this.leaseMs });
    return leftMs;
  }

  /** Runs a paused window again with what it had left, at least `resumeMinMs`; the time to go, or null when it is not held. */
  resume(mutation: Mutation, now: number): number | null {
    const until = this.heldUntil(mutation, now);
    if (until === null) return null;
    const stretch = this.stretches.get(mutation.mutationId);
    if (!stretch || !('leftMs' in stretch)) return until - now;
    const leftMs = Math.max(stretch.leftMs, this.resumeMinMs);
    this.stretches.set(mutation.mutationId, { until: now + leftMs });
    return leftMs;
  }

  /** Changes up to this id have gone to the relay or were taken back: their windows are over. */
  forgetThrough(mutationId: number): void {
    for (const id of this.stretches.keys()) if (id <= mutationId) this.stretches.delete(id);
  }

  /** Calls `push` at `wakeAt`, when the first held resolution may go; at no time when null. */
  wakeAt(wakeAt: number | null, push: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (wakeAt === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      push();
    }, Math.max(0, wakeAt - Date.now()));
  }
}
