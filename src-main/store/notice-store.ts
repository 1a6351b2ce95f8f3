import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Notice, NoticeKind } from '../../src-shared/api/contract.js';

interface NoticeRow {
  id: string;
  at: number;
  kind: NoticeKind;
  conversation_id: string;
  customer_name: string;
  other_agent_name: string | null;
  message_id: string | null;
  detail: string;
  openable?: number;
}

/** The newest this many stay listed; older ones the agent never dismissed are of no more use. */
const SHOWN_MAX = 50;

/** What the relay decided against the agent's own changes, kept until the agent dismisses it. */
export class NoticeStore {
  private readonly insertRow: Database.Statement<NoticeRow>;
  private readonly selectShown: Database.Statement<[number], Required<NoticeRow>>;
  private readonly dismissRow: Database.Statement<[string]>;
  private readonly deleteOfConversation: Database.Statement<[string]>;
  private readonly deleteRows: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.insertRow = db.prepare(`
      INSERT INTO notices (id, at, kind, conversation_id, customer_name, other_agent_name, message_id, detail)
      VALUES (@id, @at, @kind, @conversation_id, @customer_name, @other_agent_name, @message_id, @detail)`);
    this.selectShown = db.prepare(`
      SELECT id, at, kind, conversation_id, customer_name, other_agent_name, message_id, detail,
             EXISTS (SELECT 1 FROM conversations c WHERE c.id = notices.conversation_id) AS openable
        FROM notices WHERE dismissed = 0 ORDER BY at DESC, rowid DESC LIMIT ?`);
    this.dismissRow = db.prepare('UPDATE notices SET dismissed = 1 WHERE id = ? AND dismissed = 0');
    this.deleteOfConversation = db.prepare('DELETE FROM notices WHERE conversation_id = ?');
    this.deleteRows = db.prepare('DELETE FROM notices');
  }

  add(notice: Omit<Notice, 'id' | 'openable'>): void {
    this.insertRow.run(toRow({ ...notice, id: randomUUID() }));
  }

  shown(): Notice[] {
    return this.selectShown.all(SHOWN_MAX).map(fromRow);
  }

  /** False if there was no such notice still shown. */
  dismiss(id: string): boolean {
    return this.dismissRow.run(id).changes > 0;
  }

  /** Earlier notices name the customer; after an erasure they must go too. */
  deleteForConversation(conversationId: string): void {
    this.deleteOfConversation.run(conversationId);
  }

  deleteAll(): void {
    this.deleteRows.run();
  }
}

function toRow(notice: Omit<Notice, 'openable'>): NoticeRow {
  return {
    id: notice.id,
    at: notice.at,
    kind: notice.kind,
    conversation_id: notice.conversationId,
    customer_name: notice.customerName,
    other_agent_name: notice.otherAgentName,
    message_id: notice.messageId,
    detail: notice.detail,
  };
}

function fromRow(row: Required<NoticeRow>): Notice {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    conversationId: row.conversation_id,
    customerName: row.customer_name,
    otherAgentName: row.other_agent_name,
    messageId: row.message_id,
    detail: row.detail,
    openable: row.openable === 1,
  };
}
