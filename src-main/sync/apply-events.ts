import type { Conversation } from '../../src-shared/domain/model.js';
import type { EventsFrame, SyncEvent } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';
import { applyCustomerEvent } from './customer-events.js';

export type FrameOutcome = 'applied' | 'duplicate' | 'gap';

/**
 * How much of a frame one transaction takes: events until `ms` have passed (or `events` are
 * applied), so the event loop is never held for long. By time rather than a fixed count, because
 * each commit writes (and, in the encrypted cache, seals) every page its events touched: 200
 * events touch nearly as many pages as 1,000, so on a fast disk small parts cost twice the CPU.
 */
export interface ApplySlice {
  ms: number;
  events: number;
}
export const APPLY_SLICE: ApplySlice = { ms: 8, events: 2_000 };

/**
 * Applies a frame as consecutive smaller frames, each in its own transaction with the cursor
 * moved to its end, yielding to the event loop in between. Each part keeps the frame's promise
 * (nothing else visible in between), so a crash between parts resumes from a correct cursor.
 * Stops early ('stopped') once `wanted` says the frame's connection is gone.
 */
export async function applyEventsInSlices(
  cache: Cache,
  frame: EventsFrame,
  changes: ChangeSet,
  wanted: () => boolean,
  slice: ApplySlice = APPLY_SLICE,
): Promise<FrameOutcome | 'stopped'> {
  let outcome: FrameOutcome = 'duplicate';
  let next = 0;
  for (;;) {
    const part = applySlice(cache, frame, next, changes, slice);
    if (part.outcome === 'gap') return 'gap';
    if (part.outcome === 'applied') outcome = 'applied';
    next = part.next;
    if (part.outcome === 'duplicate' || next >= frame.events.length) return outcome;
    await new Promise((resolve) => setImmediate(resolve));
    if (!wanted()) return 'stopped';
  }
}

/**
 * One transaction of a frame from its event `first`: events until the slice is used up, with the
 * cursor moved to the last of them (or to the frame's end once all are in). Returns where the
 * next part starts.
 */
function applySlice(cache: Cache, frame: EventsFrame, first: number, changes: ChangeSet, slice: ApplySlice): { outcome: FrameOutcome; next: number } {
  const cursor = cache.session.cursor();
  if (frame.to <= cursor) return { outcome: 'duplicate', next: frame.events.length };
  const from = first === 0 ? frame.from : frame.events[first - 1]!.seq;
  if (from > cursor) return { outcome: 'gap', next: first };
  const me = cache.session.cachedAgent()?.id ?? null;
  const until = performance.now() + slice.ms;
  let next = first;
  cache.refetchableTransaction(() => {
    while (next < frame.events.length && next - first < slice.events) {
      const event = frame.events[next++]!;
      if (event.seq > cursor && event.seq <= frame.to) applyEvent(cache, event, me, changes);
      if (performance.now() >= until) break;
    }
    cache.session.setCursor(next >= frame.events.length ? frame.to : frame.events[next - 1]!.seq);
  });
  return { outcome: 'applied', next };
}

/**
 * Applies an events frame that continues the cache's cursor, with the new cursor, in one
 * transaction. A frame is a promise that nothing else visible happened in (from, to], so one that
 * starts before the cursor but reaches past it still continues it: its events up to the cursor
 * are already here and are skipped.
 */
export function applyEventsFrame(cache: Cache, frame: EventsFrame, changes: ChangeSet): FrameOutcome {
  return applySlice(cache, frame, 0, changes, { ms: Infinity, events: Infinity }).outcome;
}

function applyEvent(cache: Cache, { data: event, at }: SyncEvent, me: string | null, changes: ChangeSet): void {
  switch (event.type) {
    case 'conversation.upserted':
      noticeIfTakenAway(cache, event.conversation, me, at, changes);
      cache.conversations.upsert(event.conversation);
      changes.conversation(event.conversation.id);
      return;
    case 'conversation.erased':
      // A conversation past the company's retention period goes quietly: nobody asked, nothing to explain.
      if (cache.eraseConversation(event.conversationId) && event.reason !== 'retention') noticeErased(cache, event.conversationId, at, changes);
      changes.conversation(event.conversationId);
      return;
    case 'message.created':
      cache.messages.upsertSent(event.message);
      changes.message(event.message.conversationId, event.message.id);
      return;
    case 'article.saved':
      cache.articles.upsert(event.article);
      changes.articles();
      return;
    case 'note.mentioned':
      noticeMentioned(cache, event, changes);
      return;
    case 'message.delivery':
      if (cache.messages.setChannelDelivery(event.messageId, event.delivery)) changes.message(event.conversationId, event.messageId);
      return;
    case 'customer.updated':
    case 'customer.merged':
    case 'customer.unmerged':
      applyCustomerEvent(cache, event, changes);
      return;
  }
}

/** A colleague named this agent in a note: kept as a notice until read, whether or not the conversation is theirs. */
function noticeMentioned(cache: Cache, event: Extract<SyncEvent['data'], { type: 'note.mentioned' }>, changes: ChangeSet): void {
  cache.notices.add({
    at: event.message.createdAt,
    kind: 'mentioned',
    conversationId: event.message.conversationId,
    customerName: event.customerName,
    otherAgentName: event.message.authorName,
    messageId: event.message.id,
    detail: event.message.body,
  });
  changes.notices();
}

/** A conversation of ours that the relay gave to someone else (or back to the queue): say so. */
function noticeIfTakenAway(cache: Cache, next: Conversation, me: string | null, at: number, changes: ChangeSet): void {
  if (me === null || next.assigneeId === me) return;
  // The relay's own last word, not our pending claim: losing a race is told by the claim's refusal.
  if (cache.conversations.storedAssignee(next.id) !== me) return;
  cache.notices.add({
    at,
    kind: 'reassigned',
    conversationId: next.id,
    customerName: next.customerName,
    otherAgentName: null,
    messageId: null,
    detail: next.assigneeId === null ? 'It went back to the team queue.' : 'It is now handled by a colleague.',
  });
  changes.notices();
}

function noticeErased(cache: Cache, conversationId: string, at: number, changes: ChangeSet): void {
  cache.notices.add({
    at,
    kind: 'erased',
    conversationId,
    customerName: '',
    otherAgentName: null,
    messageId: null,
    detail: 'Its messages, and any reply not yet sent, are gone from this workstation.',
  });
  changes.notices();
}
