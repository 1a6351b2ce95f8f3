import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { maskEventData, type DeskMasking } from '../privacy/desk-masking.js';
import type { LoggedEvent } from '../storage/port/events.js';

/**
 * The events committed since the last fan-out, each masked and serialized at most once per
 * masking (one per role, at most) however many sessions receive it; and each distinct frame
 * encoded once: sessions at the same place in the log that see the same events with the same
 * masking (every supervisor of a team, say) are sent the same bytes. With hundreds of sessions,
 * JSON and UTF-8 work per session was most of the cost.
 */
export class EventBatch {
  private readonly texts: Map<string, string>[];
  private readonly frames = new Map<string, Buffer>();

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

  /**
   * The events frame (from, last of `indexes`] with the events at `indexes` (ascending), as UTF-8;
   * the same Buffer for every session that asks for the same frame.
   */
  frame(from: number, indexes: readonly number[], masking: DeskMasking): Buffer {
    const all = indexes.length === this.events.length;
    const key = `${from}|${masking.key}|${all ? '*' : indexes.join(',')}`;
    const cached = this.frames.get(key);
    if (cached) return cached;
    const to = this.events[indexes[indexes.length - 1]!]!.seq;
    const frame = Buffer.from(eventsFrameText(from, to, indexes.map((index) => this.textOf(index, masking))));
    this.frames.set(key, frame);
    return frame;
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
