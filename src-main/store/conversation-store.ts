import type Database from 'better-sqlite3';
import type { ConversationInsight, LocalConversation } from '../../src-shared/api/contract.js';
import { Conversation, SlaClock, type ConversationStatus } from '../../src-shared/domain/model.js';
import { conversationColumns, conversationFromColumns, type ConversationColumns } from '../../src-node/sqlite/conversation-row.js';
import { SELECTION_SQL, selectionParams, type ConversationSelection, type SelectionParams } from './conversation-selection.js';

/**
 * Where a page of the conversation list stopped: the list runs by priority desc (negative
 * sentiment raises it), then lastMessageAt desc, then id desc.
 */
export interface ConversationPosition {
  priority: number;
  lastMessageAt: number;
  id: string;
}

export interface ConversationQuery {
  status: ConversationStatus | 'all';
  /** Only conversations with this label. */
  label?: string | null;
  /** Only conversations on this channel. */
  channel?: string | null;
  /** The view's conversations (views.ts); all when absent. */
  selection?: ConversationSelection;
  /** For the SLA state a selection may ask for. */
  now?: number;
  after: ConversationPosition | null;
  limit: number;
}

export interface ConversationPage {
  items: LocalConversation[];
  next: ConversationPosition | null;
}

interface ConversationRow extends ConversationColumns {
  /** JSON offer, or null. */
  offer: string | null;
}

/** A row of `shown_conversations` (migration 0019): the relay's row, our pending changes laid over it, and the insights. */
interface ShownRow extends ConversationRow {
  shown_assignee_id: string | null;
  shown_status: ConversationStatus;
  /** JSON array. */
  shown_labels: string;
  insight_intent: string | null;
  insight_intent_label: string | null;
  insight_sentiment: ConversationInsight['sentiment'] | null;
  insight_priority: number;
  insight_language: string | null;
}

/** Conversations as the relay sent them; reads go through `shown_conversations` (our pending changes on top). */
export class ConversationStore {
  private readonly upsertRow: Database.Statement<ConversationRow>;
  private readonly selectShown: Database.Statement<[string], ShownRow>;
  private readonly selectStoredAssignee: Database.Statement<[string], { assignee_id: string | null }>;
  private readonly selectPage: Database.Statement<
    { status: string; label: string | null; channel: string | null; priority: number | null; at: number | null; id: string | null; limit: number } & SelectionParams,
    ShownRow
  >;
  private readonly selectAll: Database.Statement<[], ShownRow>;
  private readonly selectOfCustomer: Database.Statement<[string], ShownRow>;
  private readonly writeLastMessage: Database.Statement<{ id: string; at: number; preview: string; now: number }>;
  private readonly deleteRows: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.upsertRow = db.prepare(`
      INSERT INTO conversations (id, customer_id, customer_name, channel, team_id, assignee_id, status, language, market,
                                 created_at, updated_at, last_message_at, last_message_preview, labels, sla, vip, offer)
      VALUES (@id, @customer_id, @customer_name, @channel, @team_id, @assignee_id, @status, @language, @market,
              @created_at, @updated_at, @last_message_at, @last_message_preview, @labels, @sla, @vip, @offer)
      ON CONFLICT (id) DO UPDATE SET
        customer_id = excluded.customer_id, customer_name = excluded.customer_name, channel = excluded.channel,
        team_id = excluded.team_id, assignee_id = excluded.assignee_id, status = excluded.status,
        language = excluded.language, market = excluded.market, created_at = excluded.created_at,
        updated_at = excluded.updated_at, last_message_at = excluded.last_message_at,
        last_message_preview = excluded.last_message_preview, labels = excluded.labels, sla = excluded.sla, vip = excluded.vip, offer = excluded.offer`);
    this.selectShown = db.prepare('SELECT * FROM shown_conversations WHERE id = ?');
    this.selectStoredAssignee = db.prepare('SELECT assignee_id FROM conversations WHERE id = ?');
    this.selectPage = db.prepare(`
      SELECT * FROM shown_conversations
       WHERE (@status = 'all' OR shown_status = @status)
         AND (@label IS NULL OR EXISTS (SELECT 1 FROM json_each(shown_labels) WHERE value = @label))
         AND (@channel IS NULL OR channel = @channel)
         AND ${SELECTION_SQL}
         AND (@at IS NULL OR (insight_priority, last_message_at, id) < (@priority, @at, @id))
       ORDER BY insight_priority DESC, last_message_at DESC, id DESC
       LIMIT @limit`);
    this.selectAll = db.prepare('SELECT * FROM shown_conversations ORDER BY last_message_at DESC, id DESC');
    this.selectOfCustomer = db.prepare('SELECT * FROM shown_conversations WHERE customer_id = ? ORDER BY last_message_at DESC, id DESC');
    this.writeLastMessage = db.prepare(`
      UPDATE conversations SET last_message_at = @at, last_message_preview = @preview, updated_at = @now
       WHERE id = @id`);
    this.deleteRows = db.prepare('DELETE FROM conversations');
  }

  /** The relay decides: its row replaces ours whole. */
  upsert(conversation: Conversation): void {
    this.upsertRow.run(toRow(conversation));
  }

  get(id: string): Conversation | undefined {
    const row = this.selectShown.get(id);
    return row && fromShownRow(row);
  }

  /** With what the customer's messages add up to, as the agent sees it. */
  getShown(id: string): LocalConversation | undefined {
    const row = this.selectShown.get(id);
    return row && localFromShownRow(row);
  }

  /** The assignee as the relay last said, without our pending claim laid over it; undefined if not cached. */
  storedAssignee(id: string): string | null | undefined {
    return this.selectStoredAssignee.get(id)?.assignee_id;
  }

  page(query: ConversationQuery): ConversationPage {
    const rows = this.selectPage.all({
      status: query.status,
      label: query.label ?? null,
      channel: query.channel ?? null,
      priority: query.after?.priority ?? null,
      at: query.after?.lastMessageAt ?? null,
      id: query.after?.id ?? null,
      limit: query.limit + 1,
      ...selectionParams(query.selection ?? {}, query.now ?? Date.now()),
    });
    const items = rows.slice(0, query.limit).map(localFromShownRow);
    const last = items.at(-1);
    const next = rows.length > query.limit && last ? { priority: last.insight?.priority ?? 0, lastMessageAt: last.lastMessageAt, id: last.id } : null;
    return { items, next };
  }

  all(): Conversation[] {
    return this.selectAll.all().map(fromShownRow);
  }

  /** The customer's conversations held here, newest first. */
  ofCustomer(customerId: string): LocalConversation[] {
    return this.selectOfCustomer.all(customerId).map(localFromShownRow);
  }

  /** Optimistic: our own reply moves the conversation up before the relay confirms it. */
  noteLocalMessage(id: string, at: number, preview: string, now: number): void {
    this.writeLastMessage.run({ id, at, preview, now });
  }

  deleteAll(): void {
    this.deleteRows.run();
  }
}

function toRow(conversation: Conversation): ConversationRow {
  return { ...conversationColumns(conversation), offer: conversation.offer ? JSON.stringify(conversation.offer) : null };
}

function fromRow(row: ConversationRow): Conversation {
  return {
    ...conversationFromColumns(row),
    sla: row.sla === null ? null : SlaClock.parse(JSON.parse(row.sla)),
    offer: row.offer === null ? null : Conversation.shape.offer.parse(JSON.parse(row.offer)),
  };
}

/** Our changes still in the outbox, laid over the relay's row. */
function fromShownRow(row: ShownRow): Conversation {
  return fromRow({ ...row, assignee_id: row.shown_assignee_id, status: row.shown_status, labels: row.shown_labels });
}

function localFromShownRow(row: ShownRow): LocalConversation {
  const insight =
    row.insight_sentiment === null
      ? null
      : { intent: row.insight_intent, intentLabel: row.insight_intent_label, sentiment: row.insight_sentiment, priority: row.insight_priority, language: row.insight_language };
  return { ...fromShownRow(row), insight };
}
