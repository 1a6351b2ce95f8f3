import type Database from 'better-sqlite3';
import type { ConversationInsight, MessageTranslation, Sentiment } from '../../src-shared/api/contract.js';
import type { LanguageSample } from '../../src-shared/domain/conversation-language.js';

/** A customer message waiting to be analysed (migration 0005 fills the backlog by trigger). */
export interface WaitingMessage {
  id: string;
  conversationId: string;
  body: string;
  createdAt: number;
}

export interface MessageInsight {
  messageId: string;
  conversationId: string;
  /** Detected; null when the text could not tell (emoji, an order number). */
  language: string | null;
  intent: string | null;
  intentScore: number | null;
  sentiment: Sentiment;
  sentimentScore: number;
  /** 'embedding' with the sentence model, 'keywords' without it. */
  method: string;
}

interface TranslationRow {
  message_id: string;
  target_language: string;
  source_language: string;
  body: string;
  model: string;
}

/** On-device language work: the analysis backlog, per-message insights and translations. */
export class InsightStore {
  private readonly selectWaiting: Database.Statement<[number], { id: string; conversation_id: string; body: string; created_at: number }>;
  private readonly insertInsight: Database.Statement<Record<string, unknown>>;
  private readonly unlist: Database.Statement<[string]>;
  private readonly selectLanguage: Database.Statement<[string], string | null>;
  private readonly selectLanguageSamples: Database.Statement<[string, number], { language: string | null; body: string }>;
  private readonly countWaiting: Database.Statement<[], number>;
  private readonly selectRecent: Database.Statement<[string, number], { intent: string | null; sentiment: Sentiment; sentiment_score: number }>;
  private readonly upsertConversation: Database.Statement<Record<string, unknown>>;
  private readonly selectTranslation: Database.Statement<[string, string], TranslationRow>;
  private readonly upsertTranslation: Database.Statement<Record<string, unknown>>;

  constructor(private readonly db: Database.Database) {
    this.selectWaiting = db.prepare(`
      SELECT m.id, m.conversation_id, m.body, m.created_at FROM insight_backlog b CROSS JOIN messages m ON m.id = b.message_id
       ORDER BY m.created_at DESC LIMIT ?`);
    this.insertInsight = db.prepare(`
      INSERT OR REPLACE INTO message_insights
        (message_id, conversation_id, language, intent, intent_score, sentiment, sentiment_score, method, analysed_at)
      VALUES (@messageId, @conversationId, @language, @intent, @intentScore, @sentiment, @sentimentScore, @method, @at)`);
    this.unlist = db.prepare('DELETE FROM insight_backlog WHERE message_id = ?');
    this.selectLanguage = db.prepare<[string], string | null>('SELECT language FROM message_insights WHERE message_id = ?').pluck();
    this.selectLanguageSamples = db.prepare(`
        SELECT i.language, m.body FROM message_insights i CROSS JOIN messages m ON m.id = i.message_id
         WHERE i.conversation_id = ? ORDER BY m.created_at DESC, m.local_seq DESC LIMIT ?`);
    this.countWaiting = db.prepare<[], number>('SELECT COUNT(*) FROM insight_backlog').pluck();
    this.selectRecent = db.prepare(`
      SELECT i.intent, i.sentiment, i.sentiment_score FROM message_insights i CROSS JOIN messages m ON m.id = i.message_id
       WHERE i.conversation_id = ? ORDER BY m.created_at DESC, m.local_seq DESC LIMIT ?`);
    this.upsertConversation = db.prepare(`
      INSERT OR REPLACE INTO conversation_insights (conversation_id, intent, intent_label, sentiment, priority, language, updated_at)
      VALUES (@conversationId, @intent, @intentLabel, @sentiment, @priority, @language, @at)`);
    this.selectTranslation = db.prepare('SELECT * FROM translations WHERE message_id = ? AND target_language = ?');
    this.upsertTranslation = db.prepare(`
      INSERT OR REPLACE INTO translations (message_id, target_language, source_language, body, model, created_at)
      VALUES (@messageId, @to, @from, @body, @model, @at)`);
  }

  /** Newest first: what the agent is looking at now matters more than last week's backlog. */
  waiting(limit: number): WaitingMessage[] {
    return this.selectWaiting.all(limit).map((row) => ({ id: row.id, conversationId: row.conversation_id, body: row.body, createdAt: row.created_at }));
  }

  waitingCount(): number {
    return this.countWaiting.get() ?? 0;
  }

  /** Stores a message's insight and takes it off the backlog, in one transaction. */
  save(insight: MessageInsight, at: number): void {
    this.db.transaction(() => {
      this.insertInsight.run({ ...insight, at });
      this.unlist.run(insight.messageId);
    })();
  }

  /** Regional notes the agent dismissed in this conversation. */
  dismissedNotes(conversationId: string): Set<string> {
    const rows = this.db.prepare<[string], string>('SELECT note_id FROM dismissed_regional_notes WHERE conversation_id = ?').pluck().all(conversationId);
    return new Set(rows);
  }

  dismissNote(conversationId: string, noteId: string, at: number): void {
    this.db.prepare('INSERT OR IGNORE INTO dismissed_regional_notes (conversation_id, note_id, dismissed_at) VALUES (?, ?, ?)').run(conversationId, noteId, at);
  }

  /**
   * Customer messages of unresolved conversations without a translation into `language` go back
   * on the backlog: a model just installed can translate what came before it. Returns how many.
   */
  requeueUntranslated(language: string): number {
    return this.db
      .prepare(
        `INSERT OR IGNORE INTO insight_backlog (message_id)
         SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.author = 'customer' AND c.status <> 'resolved'
            AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.message_id = m.id AND t.target_language = ?)`,
      )
      .run(language).changes;
  }

  /** Takes a message off the backlog without an insight (its conversation is not here). */
  skip(messageId: string): void {
    this.unlist.run(messageId);
  }

  /** The latest insights of a conversation's customer messages, newest first. */
  recent(conversationId: string, limit: number): { intent: string | null; sentiment: Sentiment; sentimentScore: number }[] {
    return this.selectRecent.all(conversationId, limit).map((row) => ({ intent: row.intent, sentiment: row.sentiment, sentimentScore: row.sentiment_score }));
  }

  /** The detected language of an analysed message, if it could tell. */
  languageOf(messageId: string): string | null {
    return this.selectLanguage.get(messageId) ?? null;
  }

  /** The conversation's latest analysed customer messages with their detected language, newest first (conversation-language.ts judges them). */
  languageSamples(conversationId: string, limit: number): LanguageSample[] {
    return this.selectLanguageSamples.all(conversationId, limit).map((row) => ({ language: row.language, text: row.body }));
  }

  saveConversation(conversationId: string, insight: ConversationInsight, at: number): void {
    this.upsertConversation.run({ conversationId, ...insight, at });
  }

  translation(messageId: string, to: string): MessageTranslation | undefined {
    const row = this.selectTranslation.get(messageId, to);
    return row && { body: row.body, from: row.source_language, to: row.target_language, model: row.model };
  }

  saveTranslation(messageId: string, translation: MessageTranslation, at: number): void {
    this.upsertTranslation.run({ messageId, ...translation, at });
  }
}
