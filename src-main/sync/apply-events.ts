import type { EventData, EventsFrame } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';

export type FrameOutcome = 'applied' | 'duplicate' | 'gap';

/**
 * Applies an events frame that continues the cache's cursor, with the new cursor, in one
 * transaction. A frame is a promise that nothing else visible happened in (from, to], so one that
 * starts before the cursor but reaches past it still continues it: its events up to the cursor
 * are already here and are skipped.
 */
export function applyEventsFrame(cache: Cache, frame: EventsFrame, changes: ChangeSet): FrameOutcome {
  const cursor = cache.session.cursor();
  if (frame.to <= cursor) return 'duplicate';
  if (frame.from > cursor) return 'gap';
  cache.transaction(() => {
    for (const event of frame.events) {
      if (event.seq > cursor && event.seq <= frame.to) applyEvent(cache, event.data, changes);
    }
    cache.session.setCursor(frame.to);
  });
  return 'applied';
}

function applyEvent(cache: Cache, event: EventData, changes: ChangeSet): void {
  switch (event.type) {
    case 'conversation.upserted':
      cache.conversations.upsert(event.conversation);
      changes.conversation(event.conversation.id);
      return;
    case 'message.created':
      cache.messages.upsertSent(event.message);
      changes.message(event.message.conversationId, event.message.id);
      return;
  }
}
