import { expect } from 'vitest';
import { addReplyTemplates } from '../0022-add-reply-templates.js';
import { insertMessage, rows, type CacheCase } from './cache-rows.js';

/** Template replies kept for a retry, and reply options kept for offline. */
export const CASES_0022: CacheCase[] = [
  {
    migration: addReplyTemplates,
    before(db) {
      insertMessage(db, 'm1', 'hello');
    },
    schema: { created: ['table reply_options(conversation_id TEXT PK NOT NULL, options TEXT NOT NULL, fetched_at INTEGER NOT NULL) WITHOUT ROWID'], altered: ['table messages + reply_template TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, reply_template FROM messages')).toEqual([{ id: 'm1', body: 'hello', reply_template: null }]);
      db.prepare("INSERT INTO reply_options (conversation_id, options, fetched_at) VALUES ('c1', '{}', 5)").run();
      expect(rows(db, 'SELECT conversation_id, fetched_at FROM reply_options')).toEqual([{ conversation_id: 'c1', fetched_at: 5 }]);
    },
  },
];
