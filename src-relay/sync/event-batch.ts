import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import type { LoggedEvent } from '../storage/port/events.js';

/**
 * The events committed since the last fan-out, each serialized at most once however many
 * sessions receive it: with hundreds of sessions, JSON work per session was most of the cost.
 */
export class EventBatch {
  private readonly texts: (string | undefined)[];

  constructor(readonly events: readonly LoggedEvent[]) {
    this.texts = new Array<string | undefined>(events.length);
  }

  textOf(index: number): string {
    const cached = this.texts[index];
    if (cached !== undefined) return cached;
    const event = this.events[index];
    if (!event) throw new RangeError(`no event ${index} in this batch`);
    const text = JSON.stringify(toSyncEvent(event));
    this.texts[index] = text;
    return text;
  }
}

export function toSyncEvent(event: LoggedEvent): SyncEvent {
  return { seq: event.seq, at: event.at, data: event.data };
}

/** An events frame's JSON from events already serialized; the same text JSON.stringify would give. */
export function eventsFrameText(from: number, to: number, eventTexts: readonly string[]): string {
  return `{"type":"events","from":${from},"to":${to},"events":[${eventTexts.join(',')}],"hasMore":false}`;
}
