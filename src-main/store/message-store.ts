import type Database from 'better-sqlite3';
import { MessageAttachment, type ChannelDelivery, type DeliveryState, type Message } from '../../src-shared/domain/model.js';
import { messageColumns, messageFromColumns, type MessageColumns } from '../../src-node/sqlite/message-row.js';
import type { LocalMessage } from '../../src-shared/api/contract.js';
import type { TemplateChoice as TemplateChoiceValue } from '../../src-shared/domain/message-templates.js';
import { TemplateChoice } from '../../src-shared/protocol/channels/templates.js';
import { EmailReply, type EmailReply as EmailReplyValue } from '../../src-shared/domain/email-reply.js';
import { MessageSearch } from './message-search.js';
import type { SearchTerms } from './search-terms.js';

/**
 * Where a page of a thread stopped. Messages run by createdAt, then by the order they reached
 * the cache (the relay's log order), which keeps two messages of the same millisecond in the
 * order they were sent - a random message id would not.
 */
export interface MessagePosition {
  createdAt: number;
  localSeq: number;
}

export interface MessagePage {
  /** Oldest first. */
  messages: LocalMessage[];
  /** Set when earlier messages exist. */
  older: MessagePosition | null;
}

interface MessageRow extends MessageColumns {
  local_seq: number;
  delivery: DeliveryState;
  delivery_error: string | null;
}

type MessageValues = Omit<MessageRow, 'local_seq' | 'delivery_error'>;

const COLUMNS = 'local_seq, id, conversation_id, author, author_id, author_name, body, created_at, delivery, delivery_error, internal, original_body, original_language, call, channel_delivery, attachments, pending_files';

export class MessageStore {
  private readonly upsertRow: Database.Statement<MessageValues>;
  private readonly insertRow: Database.Statement<MessageValues>;
  private readonly setTemplate: Database.Statement<[string, string]>;
  private readonly selectTemplate: Database.Statement<[string], { reply_template: string | null }>;
  private readonly setEmail: Database.Statement<[string, string]>;
  private readonly selectEmail: Database.Statement<[string], { reply_email: string | null }>;
  private readonly selectLastCustomer: Database.Statement<[string], { at: number | null }>;
  private readonly failPending: Database.Statement<[string, string]>;
  private readonly setDelivery: Database.Statement<[string, string]>;
  private readonly selectOne: Database.Statement<[string], MessageRow>;
  private readonly selectPage: Database.Statement<{ conversationId: string; at: number | null; seq: number | null; limit: number }, MessageRow>;
  private readonly selectAll: Database.Statement<[], MessageRow>;
  private readonly deleteRows: Database.Statement<[]>;
  private readonly requeueFailed: Database.Statement<[string]>;
  private readonly deleteFailedRow: Database.Statement<[string]>;
  private readonly deleteUnsentRow: Database.Statement<[string]>;
  private readonly searcher: MessageSearch;

  constructor(private readonly db: Database.Database) {
    const values = '(@id, @conversation_id, @author, @author_id, @author_name, @body, @created_at, @delivery, @internal, @original_body, @original_language, @call, @channel_delivery, @attachments, @pending_files)';
    const into = 'INTO messages (id, conversation_id, author, author_id, author_name, body, created_at, delivery, internal, original_body, original_language, call, channel_delivery, attachments, pending_files)';
    this.upsertRow = db.prepare(`
      INSERT ${into} VALUES ${values}
      ON CONFLICT (id) DO UPDATE SET
        conversation_id = excluded.conversation_id, author = excluded.author, author_id = excluded.author_id,
        author_name = excluded.author_name, body = excluded.body, created_at = excluded.created_at,
        internal = excluded.internal, original_body = excluded.original_body, original_language = excluded.original_language, call = excluded.call,
        channel_delivery = excluded.channel_delivery, attachments = excluded.attachments, pending_files = excluded.pending_files, delivery = 'sent', delivery_error = NULL`);
    this.insertRow = db.prepare(`INSERT ${into} VALUES ${values}`);
    this.setTemplate = db.prepare("UPDATE messages SET reply_template = ? WHERE id = ? AND delivery <> 'sent'");
    this.selectTemplate = db.prepare('SELECT reply_template FROM messages WHERE id = ?');
    this.setEmail = db.prepare("UPDATE messages SET reply_email = ? WHERE id = ? AND delivery <> 'sent'");
    this.selectEmail = db.prepare('SELECT reply_email FROM messages WHERE id = ?');
    this.selectLastCustomer = db.prepare("SELECT max(created_at) AS at FROM messages WHERE conversation_id = ? AND author = 'customer'");
    this.failPending = db.prepare("UPDATE messages SET delivery = 'failed', delivery_error = ? WHERE id = ? AND delivery = 'pending'");
    this.setDelivery = db.prepare('UPDATE messages SET channel_delivery = ? WHERE id = ?');
    this.selectOne = db.prepare(`SELECT ${COLUMNS} FROM messages WHERE id = ?`);
    this.selectPage = db.prepare(`
      SELECT ${COLUMNS} FROM messages
       WHERE conversation_id = @conversationId AND (@at IS NULL OR (created_at, local_seq) < (@at, @seq))
       ORDER BY created_at DESC, local_seq DESC
       LIMIT @limit`);
    this.selectAll = db.prepare(`SELECT ${COLUMNS} FROM messages ORDER BY conversation_id, created_at, local_seq`);
    this.deleteRows = db.prepare('DELETE FROM messages');
    this.requeueFailed = db.prepare("UPDATE messages SET delivery = 'pending', delivery_error = NULL WHERE id = ? AND delivery = 'failed'");
    this.deleteFailedRow = db.prepare("DELETE FROM messages WHERE id = ? AND delivery = 'failed'");
    this.deleteUnsentRow = db.prepare("DELETE FROM messages WHERE id = ? AND delivery <> 'sent'");
    this.searcher = new MessageSearch(db, COLUMNS.split(', ').map((column) => `m.${column}`).join(', '));
  }

  /** A message from the relay's log; this is also how our pending reply (same id) becomes sent. */
  upsertSent(message: Message): void {
    // Our own reply, now in the log, moves to where the log put it: two messages of one
    // millisecond are ordered by arrival, and the reply was stored here before the customer
    // message the relay logged ahead of it.
    this.deleteUnsentRow.run(message.id);
    this.upsertRow.run({ ...messageColumns(message), delivery: 'sent' });
  }

  /** How far a messaging app took a reply of ours (the relay's message.delivery); false if the message is not here. */
  setChannelDelivery(id: string, delivery: ChannelDelivery): boolean {
    return this.setDelivery.run(JSON.stringify(delivery), id).changes > 0;
  }

  /** A file some cached message carries, as that message names it; null when none does. */
  findAttachment(fileId: string): MessageAttachment | null {
    const row = this.db
      .prepare<[string], { value: string }>("SELECT j.value FROM messages m, json_each(m.attachments) j WHERE m.attachments IS NOT NULL AND json_extract(j.value, '$.fileId') = ? LIMIT 1")
      .get(fileId);
    return row ? MessageAttachment.parse(JSON.parse(row.value)) : null;
  }

  /** The ids of the files the conversation's cached messages carry. */
  fileIdsOf(conversationId: string): string[] {
    return this.db
      .prepare<[string], { fileId: string }>(
        "SELECT DISTINCT json_extract(j.value, '$.fileId') AS fileId FROM messages m, json_each(m.attachments) j WHERE m.conversation_id = ? AND m.attachments IS NOT NULL",
      )
      .all(conversationId)
      .map((row) => row.fileId);
  }

  /** Our own reply, before the relay has it; with the approved template it is, or its email fields (subject, CC, BCC…), if any. */
  insertPending(message: Message, template?: TemplateChoiceValue, email?: EmailReplyValue): void {
    this.insertRow.run({ ...messageColumns(message), delivery: 'pending' });
    if (template) this.setTemplate.run(JSON.stringify(template), message.id);
    if (email) this.setEmail.run(JSON.stringify(email), message.id);
  }

  /** The email fields of an unsent reply of ours, for sending it again to the same people; null when it has none (or they cannot be read). */
  replyEmail(id: string): EmailReplyValue | null {
    const stored = this.selectEmail.get(id)?.reply_email;
    if (!stored) return null;
    const parsed = EmailReply.safeParse(safeJson(stored));
    return parsed.success ? parsed.data : null;
  }

  /**
   * The approved template an unsent reply of ours is, for sending it again as that template;
   * null for free text (and once sent: the relay's copy replaces ours). A value this release
   * cannot read counts as none, and the relay then judges the reply as text.
   */
  replyTemplate(id: string): TemplateChoiceValue | null {
    const stored = this.selectTemplate.get(id)?.reply_template;
    if (!stored) return null;
    const parsed = TemplateChoice.safeParse(safeJson(stored));
    return parsed.success ? parsed.data : null;
  }

  /** The relay refused the reply; returns the message if it was still pending. */
  markFailed(id: string, reason: string): LocalMessage | undefined {
    return this.failPending.run(reason, id).changes > 0 ? this.get(id) : undefined;
  }

  /** A refused reply goes back to pending; false if it was not failed. */
  markPendingAgain(id: string): boolean {
    return this.requeueFailed.run(id).changes > 0;
  }

  /** Only a refused reply can be dropped: anything else is either sent or still on its way. */
  deleteFailed(id: string): boolean {
    return this.deleteFailedRow.run(id).changes > 0;
  }

  /** When the customer last wrote in the conversation, as far as this cache holds its messages; null if it holds none of theirs. */
  lastCustomerMessageAt(conversationId: string): number | null {
    return this.selectLastCustomer.get(conversationId)?.at ?? null;
  }

  get(id: string): LocalMessage | undefined {
    const row = this.selectOne.get(id);
    return row && fromRow(row);
  }

  /** The newest `limit` messages before `before` (or the newest of all), returned oldest first. */
  pageBefore(conversationId: string, before: MessagePosition | null, limit: number): MessagePage {
    const rows = this.selectPage.all({ conversationId, at: before?.createdAt ?? null, seq: before?.localSeq ?? null, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const oldest = page.at(-1);
    const older = rows.length > limit && oldest ? { createdAt: oldest.created_at, localSeq: oldest.local_seq } : null;
    return { messages: page.reverse().map(fromRow), older };
  }

  /** Messages of cached conversations that contain every term, newest first. */
  search(terms: SearchTerms, limit: number): LocalMessage[] {
    return this.searcher.search<MessageRow>(terms, limit).map(fromRow);
  }

  all(): LocalMessage[] {
    return this.selectAll.all().map(fromRow);
  }

  deleteAll(): void {
    this.deleteRows.run();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function fromRow(row: MessageRow): LocalMessage {
  // The cache leaves `call` out, rather than null, on a message that is not a call's entry.
  const { call, ...message } = messageFromColumns(row);
  return { ...message, delivery: row.delivery, deliveryError: row.delivery_error, ...(call === null ? {} : { call }) };
}
