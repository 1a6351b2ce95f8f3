import type { Conversation } from '../../src-shared/domain/model.js';
import type { EventsFrame, SyncEvent } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';
import { applyCustomerEvent } from './customer-events.js';

export type FrameOutcome = 'applied' | 'duplicate' | 'gap';

/** Events per transaction: small enough that the event loop is never held for long. */
export const APPLY_CHUNK = 200;

/**
 * Applies a frame as consecutive smaller frames, each in its own transaction with the cursor
 * moved to its end, yielding to the event loop in between. Each part keeps the frame's promise
 * (nothing else visible in between), so a crash between parts resumes from a correct cursor.
 * Stops early ('stopped') once `wanted` says the frame's connection is gone.
 */
export async function applyEventsInChunks(
  cache: Cache,
  frame: EventsFrame,
  changes: ChangeSet,
  wanted: () => boolean,
  chunk = APPLY_CHUNK,
): Promise<FrameOutcome | 'stopped'> {
  if (frame.events.length <= chunk) return applyEventsFrame(cache, frame, changes);
  let from = frame.from;
  let outcome: FrameOutcome = 'duplicate';
  for (let start = 0; start < frame.events.length; start += chunk) {
    const events = frame.events.slice(start, start + chunk);
    const last = start + chunk >= frame.events.length;
    const to = last ? frame.to : (events.at(-1)?.seq ?? from);
    const part = applyEventsFrame(cache, { ...frame, from, to, events }, changes);
    if (part === 'gap') return 'gap';
    if (part === 'applied') outcome = 'applied';
    from = to;
    if (last) break;
    await new Promise((resolve) => setImmediate(resolve));
    if (!wanted()) return 'stopped';
  }
  return outcome;
}

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
  const me = cache.session.cachedAgent()?.id ?? null;
  cache.refetchableTransaction(() => {
    for (const event of frame.events) {
      if (event.seq > cursor && event.seq <= frame.to) applyEvent(cache, event, me, changes);
    }
    cache.session.setCursor(frame.to);
  });
  return 'applied';
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
