import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { maskEventData, type DeskMasking } from '../privacy/desk-masking.js';
import type { LoggedEvent } from '../storage/port/events.js';

/**
 * The events committed since the last fan-out, each masked and serialized at most once per
 * masking (one per role, at most) however many sessions receive it: with hundreds of sessions,
 * JSON work per session was most of the cost.
 */
export class EventBatch {
  private readonly texts: Map<string, string>[];

  constructor(readonly events: readonly LoggedEvent[]) {
    this.texts = events.map(() => new Map<string, string>());
  }

  textOf(index: number, masking: DeskMasking): string {
    const texts = this.texts[index];
    const event = this.events[index];
    if (!event || !texts) throw new RangeError(`no event ${index} in this batch`);
    const cached = texts.get(masking.key);
    if (cached !== undefined) return cached;
    const text = JSON.stringify(toSyncEvent(event, masking));
    texts.set(masking.key, text);
    return text;
  }
}

/** An event as a desk receives it: its text masked for that desk (privacy/desk-masking.ts). */
export function toSyncEvent(event: LoggedEvent, masking: DeskMasking): SyncEvent {
  return { seq: event.seq, at: event.at, data: maskEventData(event.data, masking) };
}

/** An events frame's JSON from events already serialized; the same text JSON.stringify would give. */
export function eventsFrameText(from: number, to: number, eventTexts: readonly string[]): string {
  return `{"type":"events","from":${from},"to":${to},"events":[${eventTexts.join(',')}],"hasMore":false}`;
}
