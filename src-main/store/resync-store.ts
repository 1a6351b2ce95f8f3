import type Database from 'better-sqlite3';

/**
 * A full resync replaces the cache page by page while the agent keeps working with what is
 * there: it notes each conversation the relay sent, and at the end drops the ones it did not
 * (no longer visible, or gone), keeping any that still hold a reply of ours not yet delivered.
 */
export class ResyncStore {
  private readonly clearSeen: Database.Statement<[]>;
  private readonly insertSeen: Database.Statement<[string]>;
  private readonly deleteUnseenMessages: Database.Statement<[]>;
  private readonly deleteUnseenConversations: Database.Statement<[], string>;

  constructor(db: Database.Database) {
    this.clearSeen = db.prepare('DELETE FROM resync_seen');
    this.insertSeen = db.prepare('INSERT OR IGNORE INTO resync_seen (conversation_id) VALUES (?)');
    this.deleteUnseenMessages = db.prepare(`
      DELETE FROM messages WHERE delivery = 'sent'
         AND conversation_id NOT IN (SELECT conversation_id FROM resync_seen)`);
    this.deleteUnseenConversations = db.prepare<[], string>(`
      DELETE FROM conversations WHERE id NOT IN (SELECT conversation_id FROM resync_seen)
         AND id NOT IN (SELECT conversation_id FROM messages)
      RETURNING id`).pluck();
  }

  begin(): void {
    this.clearSeen.run();
  }

  seen(conversationIds: readonly string[]): void {
    for (const id of conversationIds) this.insertSeen.run(id);
  }

  /** Returns the ids of the conversations dropped. */
  finish(): string[] {
    this.deleteUnseenMessages.run();
    const dropped = this.deleteUnseenConversations.all();
    this.clearSeen.run();
    return dropped;
  }
}
