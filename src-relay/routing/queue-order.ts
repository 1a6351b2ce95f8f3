import type { Conversation } from '../../src-shared/domain/model.js';
import { compareWaiting, NO_SLA_DUE_MS, urgencyOf, WORK_KINDS, workKindOf, type WaitingConversation, type WorkKind } from '../../src-shared/domain/routing-score.js';
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
 * A team's queue is read language by language when those who could take its work serve at most
 * this many: an agent who freed up in a team whose customers mostly write another language (an
 * agent of two teams) reads only what they could take. Past this (a team opening, everyone with
 * room), one read of the whole queue is fewer queries.
 */
const MOST_LANGUAGE_QUEUES = 4;

/** Per team and kind of work, the languages (primary subtags) of the conversations someone could be given; null when any. */
export type ServedLanguages = (teamId: string, kind: WorkKind) => ReadonlySet<string> | null;

/**
 * The queue of these teams most urgent first (compareWaiting), a page at a time: the storage
 * reads each team's queue of each kind of work from its head in an index of that order, so a drain
 * that hands out a few conversations reads a few dozen, not the whole queue; the heads are merged here.
 * Before each read, `kinds` says which kinds of work someone still has room for; the queue of the
 * others is not read, and once nobody has room for anything, nothing more is. `waiting` limits
 * it to the kinds known to wait (kindsWaiting), and `served` to the languages someone could be
 * given (each language's queue is then read from its head, and merged with the others).
 */
export async function* queuePages(
  store: RelayRepositories,
  tenantId: string,
  teamIds: readonly string[],
  kinds: () => ReadonlySet<WorkKind>,
  { firstPage = FIRST_PAGE, waiting = WORK_KINDS, served = () => null }: { firstPage?: number; waiting?: readonly WorkKind[]; served?: ServedLanguages } = {},
): AsyncGenerator<Queued[]> {
  const queues = teamIds.flatMap((teamId) =>
    waiting.flatMap((kind) => {
      const languages = served(teamId, kind);
      if (languages === null || languages.size > MOST_LANGUAGE_QUEUES) return [new TeamQueue(store, tenantId, teamId, kind, firstPage)];
      return [...languages].map((language) => new TeamQueue(store, tenantId, teamId, kind, firstPage, language));
    }),
  );
  for (;;) {
    const wanted = kinds();
    const open = queues.filter((queue) => wanted.has(queue.kind));
    for (const queue of open) if (queue.needsReading()) await queue.read();
    const page = mergeHeads(open);
    if (page.length === 0) return;
    yield page;
  }
}

/**
 * The kinds of work someone waits for in these teams' queues: one index probe per team and kind.
 * A drain reads the agents with room for these kinds only; calls rarely queue, and nearly every
 * available agent has room for one.
 */
export async function kindsWaiting(store: RelayRepositories, tenantId: string, teamIds: readonly string[]): Promise<WorkKind[]> {
  const waiting: WorkKind[] = [];
  for (const kind of WORK_KINDS) {
    for (const teamId of teamIds) {
      if ((await store.conversations.listQueuedByUrgency(tenantId, teamId, kind, null, 1)).length === 0) continue;
      waiting.push(kind);
      break;
    }
  }
  return waiting;
}

/**
 * The read rows of these queues in compareWaiting's order, until one queue's read rows run out
 * while more of it is unread (the next page starts with its next read).
 */
function mergeHeads(queues: readonly TeamQueue[]): Queued[] {
  const page: Queued[] = [];
  for (;;) {
    let first: TeamQueue | null = null;
    for (const queue of queues) {
      const head = queue.head();
      if (head && (!first || compareWaiting(head.waiting, first.head()!.waiting) < 0)) first = queue;
    }
    if (!first) return page;
    page.push(first.take());
    if (first.needsReading()) return page;
  }
}

/**
 * One team's queue of one kind of work (in one language, when given), read from its head. The storage breaks ties of urgency and arrival by its own
 * order of text, so a read never ends inside such a tie (the next read starts with it), and each
 * read is put in compareWaiting's order here.
 */
class TeamQueue {
  private rows: Queued[] = [];
  private after: QueuePosition | null = null;
  private ended = false;

  constructor(
    private readonly store: RelayRepositories,
    private readonly tenantId: string,
    private readonly teamId: string,
    readonly kind: WorkKind,
    private limit: number,
    private readonly language?: string,
  ) {}

  needsReading(): boolean {
    return this.rows.length === 0 && !this.ended;
  }

  head(): Queued | undefined {
    return this.rows[0];
  }

  take(): Queued {
    return this.rows.shift()!;
  }

  async read(): Promise<void> {
    for (;;) {
      const rows = await this.store.conversations.listQueuedByUrgency(this.tenantId, this.teamId, this.kind, this.after, this.limit, this.language);
      const full = rows.length === this.limit;
      const page = (full ? withoutLastTie(rows) : rows).map((conversation) => ({ conversation, waiting: waitingOf(conversation) }));
      if (full && page.length === 0) {
        // Every row read stands where the last one does: read again, more at a time.
        this.limit *= 2;
        continue;
      }
      this.ended = !full;
      this.rows = page.sort((a, b) => compareWaiting(a.waiting, b.waiting));
      if (page.length > 0) this.after = positionOf(page.at(-1)!.waiting);
      this.limit = Math.min(this.limit * 2, LARGEST_PAGE);
      return;
    }
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
