import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * On-device language work. A translated reply keeps the agent's own words; each message is
 * translated once per target language (`translations`); customer messages are analysed once
 * (language, intent, sentiment) from a backlog the triggers fill, so nothing is missed across
 * restarts or a model that arrives later. Everything about a message goes with it (erasure).
 */
export const addTranslationsAndInsights: Migration = {
  version: 5,
  name: 'add-translations-and-insights',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN original_body TEXT;
      ALTER TABLE messages ADD COLUMN original_language TEXT;

      CREATE TABLE translations (
        message_id TEXT NOT NULL,
        target_language TEXT NOT NULL,
        source_language TEXT NOT NULL,
        body TEXT NOT NULL,
        model TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (message_id, target_language)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE message_insights (
        message_id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        language TEXT,
        intent TEXT,
        intent_score REAL,
        sentiment TEXT NOT NULL,
        sentiment_score REAL NOT NULL,
        method TEXT NOT NULL,
        analysed_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX message_insights_by_conversation ON message_insights(conversation_id, analysed_at);

      -- What the customer's recent messages add up to; negative sentiment raises the priority,
      -- which orders the inbox before recency (the shown_conversations view joins it: 0006).
      CREATE TABLE conversation_insights (
        conversation_id TEXT PRIMARY KEY,
        intent TEXT,
        intent_label TEXT,
        sentiment TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        language TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER conversations_ai_after_delete AFTER DELETE ON conversations BEGIN
        DELETE FROM conversation_insights WHERE conversation_id = old.id;
      END;

      CREATE TABLE insight_backlog (message_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
      INSERT INTO insight_backlog (message_id) SELECT id FROM messages WHERE author = 'customer';

      CREATE TRIGGER messages_insight_after_insert AFTER INSERT ON messages WHEN new.author = 'customer' BEGIN
        INSERT OR IGNORE INTO insight_backlog (message_id) VALUES (new.id);
      END;
      CREATE TRIGGER messages_ai_after_update AFTER UPDATE OF body ON messages WHEN old.body IS NOT new.body BEGIN
        DELETE FROM translations WHERE message_id = old.id;
      END;
      CREATE TRIGGER messages_ai_after_delete AFTER DELETE ON messages BEGIN
        DELETE FROM translations WHERE message_id = old.id;
        DELETE FROM message_insights WHERE message_id = old.id;
        DELETE FROM insight_backlog WHERE message_id = old.id;
      END;
    `);
  },
};
