import { CHANNELS, type Conversation } from '../../src-shared/domain/model.js';
import { compareWaiting, NO_SLA_DUE_MS, urgencyOf, workKindOf, type WaitingConversation, type WorkKind } from '../../src-shared/domain/routing-score.js';
import { nextCheckAt } from '../../src-shared/domain/sla.js';
import type { QueuePosition } from '../storage/port/conversations.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';

/** A conversation as the queue orders it: by its next SLA due time (a day out without one), VIP first. */
export function waitingOf(conversation: Conversation): WaitingConversation {
  return {
    id: conversation.id,
    language: conversation.language,
    // Worked out on a desk that can see the conversation (conversation.signal).
    skill: conversation.intent ?? null,
    kind: workKindOf(conversation.channel),
    dueAt: nextCheckAt(conversation.sla) ?? conversation.createdAt + NO_SLA_DUE_MS,
    vip: conversation.vip ?? false,
    upset: conversation.upset ?? false,
    enqueuedAt: conversation.createdAt,
  };
}

export interface Queued {
  conversation: Conversation;
  waiting: WaitingConversation;
}

/** The first page of a drain: an agent who freed up usually takes one of the first few. */
const FIRST_PAGE = 50;
/** Pages double up to this, so that a drain of the whole queue (a team opening) reads it in a few queries. */
const LARGEST_PAGE = 3_200;

/**
 * The queue of these teams most urgent first (compareWaiting), a page at a time: the storage
 * sorts, so a drain that hands out a few conversations reads a few dozen, not the whole queue.
 * Before each page, `kinds` says which kinds of work someone still has room for; the queue of the
 * others is not read, and once nobody has room for anything, nothing more is. The storage breaks
 * ties of urgency and arrival by its own order of text, so a page never ends inside such a tie,
 * and each page is put in compareWaiting's order here.
 */
export async function* queuePages(store: RelayRepositories, tenantId: string, teamIds: readonly string[], kinds: () => ReadonlySet<WorkKind>, firstPage = FIRST_PAGE): AsyncGenerator<Queued[]> {
  let after: QueuePosition | null = null;
  let limit = firstPage;
  for (;;) {
    const wanted = kinds();
    const channels = CHANNELS.filter((channel) => wanted.has(workKindOf(channel)));
    if (channels.length === 0) return;
    const rows = await store.conversations.listQueuedByUrgency(tenantId, teamIds, channels, after, limit);
    if (rows.length === 0) return;
    const full = rows.length === limit;
    const page = (full ? withoutLastTie(rows) : rows).map((conversation) => ({ conversation, waiting: waitingOf(conversation) }));
    if (page.length === 0) {
      // Every row of the page stands where the last one does: read again, more at a time.
      limit *= 2;
      continue;
    }
    yield page.sort((a, b) => compareWaiting(a.waiting, b.waiting));
    if (!full) return;
    after = positionOf(page.at(-1)!.waiting);
    limit = Math.min(limit * 2, LARGEST_PAGE);
  }
}

function positionOf(waiting: WaitingConversation): QueuePosition {
  return { urgency: urgencyOf(waiting), createdAt: waiting.enqueuedAt };
}

/** The rows before the last run of rows that stand where the last row does (the next page starts with them). */
function withoutLastTie(rows: readonly Conversation[]): Conversation[] {
  const last = positionOf(waitingOf(rows.at(-1)!));
  let end = rows.length;
  while (end > 0) {
    const position = positionOf(waitingOf(rows[end - 1]!));
    if (position.urgency !== last.urgency || position.createdAt !== last.createdAt) break;
    end -= 1;
  }
  return rows.slice(0, end);
}
