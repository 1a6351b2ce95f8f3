import type { DeskMasking } from '../privacy/desk-masking.js';
import { canSee, type Viewer } from '../log/visibility.js';
import { eventsFrameText, type EventBatch } from './event-batch.js';

/**
 * Unsent bytes above which a socket counts as behind: its live events wait, and go out together
 * in one frame once it has taken what it was given. A slow desk then costs one write per catch-up
 * instead of one per commit, and the relay's memory holds events, not frames.
 */
export const BEHIND_BYTES = 256 * 1024;
/** A desk this far behind is cut off: it reconnects and pulls instead. */
export const BEHIND_EVENTS_MAX = 20_000;
export const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;
/** How often a socket that is behind is looked at again when no new event comes to send. */
const BEHIND_RETRY_MS = 25;

/** The part of a socket the feed writes to. */
export interface FeedSocket {
  readonly bufferedAmount: number;
  /** Writes one text frame (UTF-8 bytes, or a string); false when the socket is no longer open. */
  write(frame: Buffer | string): boolean;
  /** Ends the connection as "try again later": the desk reconnects and pulls. */
  cutOff(reason: string): void;
}

/**
 * One live connection's events, each frame chained from the `to` of the frame before, so the desk
 * can apply them strictly in order.
 */
export class LiveFeed {
  /** The `to` of the last events frame sent (or of the pull answer that made the connection live). */
  sentThrough = 0;
  /** Events held back while the socket is behind, in seq order. */
  private waiting: { batch: EventBatch; indexes: number[]; masking: DeskMasking }[] = [];
  private waitingEvents = 0;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly socket: FeedSocket) {}

  /** Sends the batch's events the viewer may see after `sentThrough`, in one frame, or holds them while the socket is behind. */
  deliver(batch: EventBatch, viewer: Viewer, masking: DeskMasking): void {
    const indexes: number[] = [];
    const { events } = batch;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.seq > this.sentThrough && canSee(viewer, event)) indexes.push(i);
    }
    if (indexes.length === 0) return;
    if (this.waiting.length === 0 && this.socket.bufferedAmount <= BEHIND_BYTES) {
      this.sendFrame(batch.frame(this.sentThrough, indexes, masking), events[indexes[indexes.length - 1]!]!.seq);
      return;
    }
    this.waiting.push({ batch, indexes, masking });
    this.waitingEvents += indexes.length;
    if (this.waitingEvents > BEHIND_EVENTS_MAX || this.socket.bufferedAmount > SLOW_CLIENT_BYTES) {
      this.stop();
      this.socket.cutOff('too far behind; reconnect and pull');
      return;
    }
    this.sendWaiting(false);
  }

  /**
   * Sends what waits in one frame: when the socket has caught up, or (`force`) before any other
   * frame, which must not overtake the events before it (a push's ack follows its events).
   */
  sendWaiting(force: boolean): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (this.waiting.length === 0) return;
    if (!force && this.socket.bufferedAmount > BEHIND_BYTES) {
      this.retry = setTimeout(() => this.sendWaiting(false), BEHIND_RETRY_MS);
      this.retry.unref();
      return;
    }
    const texts: string[] = [];
    let to = this.sentThrough;
    for (const { batch, indexes, masking } of this.waiting) {
      for (const index of indexes) {
        const seq = batch.events[index]!.seq;
        // A pull answered meanwhile may have carried some of them already.
        if (seq <= to) continue;
        texts.push(batch.textOf(index, masking));
        to = seq;
      }
    }
    this.waiting = [];
    this.waitingEvents = 0;
    if (texts.length > 0) this.sendFrame(eventsFrameText(this.sentThrough, to, texts), to);
  }

  /** The connection went away, or stopped being live: nothing more is sent. */
  stop(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.waiting = [];
    this.waitingEvents = 0;
  }

  private sendFrame(frame: Buffer | string, to: number): void {
    if (this.socket.write(frame)) this.sentThrough = to;
  }
}
