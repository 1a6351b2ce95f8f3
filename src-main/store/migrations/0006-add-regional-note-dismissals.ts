import type { Migration } from '../migration.js';

/** An agent who has read a regional note for a conversation does not want it back there. */
export const addRegionalNoteDismissals: Migration = {
  version: 6,
  name: 'add-regional-note-dismissals',
  up(db) {
    db.exec(`
      CREATE TABLE dismissed_regional_notes (
        conversation_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        dismissed_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, note_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER conversations_dismissed_notes_after_delete AFTER DELETE ON conversations BEGIN
        DELETE FROM dismissed_regional_notes WHERE conversation_id = old.id;
      END;
    `);
  },
};
