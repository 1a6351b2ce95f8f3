import { expect } from 'vitest';
import { addReplyEmail } from '../0025-add-reply-email.js';
import { rows, type CacheCase } from './cache-rows.js';

/** Replies written before have no email fields: they go as plain replies. */
export const CASES_REPLY_EMAIL: CacheCase[] = [
  {
    migration: addReplyEmail,
    before(db) {
      db.exec(`INSERT INTO messages (id, conversation_id, author, author_name, body, created_at, delivery) VALUES ('m1', 'c1', 'agent', 'Ann', 'Hello', 1, 'pending')`);
    },
    schema: { altered: ['table messages + reply_email TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, reply_email FROM messages')).toEqual([{ id: 'm1', body: 'Hello', reply_email: null }]);
    },
  },
];
