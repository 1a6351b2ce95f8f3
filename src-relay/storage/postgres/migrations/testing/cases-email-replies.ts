import { expect } from 'vitest';
import { addEmailReplies } from '../0012-add-email-replies.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

/** An email reply's fields belong to a stored message, once. */
export const POSTGRES_EMAIL_REPLY_CASES: PostgresCase[] = [
  {
    migration: addEmailReplies,
    async before(db) {
      await insertConversation(db);
    },
    schema: {
      created: [
        'index email_replies_by_conversation ON email_replies(conversation_id)',
        'table email_replies(message_id text PK REFERENCES messages(id), tenant_id text NOT NULL REFERENCES tenants(id), conversation_id text NOT NULL REFERENCES conversations(id), reply text NOT NULL)',
      ],
    },
    async after(db) {
      await db.pool.query(`INSERT INTO email_replies VALUES ('m1', 't1', 'c1', '{"cc":["kim@example.com"]}')`);
      expect(await refusal(db, `INSERT INTO email_replies VALUES ('m1', 't1', 'c1', '{}')`)).toMatch(/duplicate key/);
      expect(await refusal(db, `INSERT INTO email_replies VALUES ('nope', 't1', 'c1', '{}')`)).toMatch(/foreign key/);
      expect(await rows(db, 'SELECT message_id, reply FROM email_replies')).toEqual([{ message_id: 'm1', reply: '{"cc":["kim@example.com"]}' }]);
    },
  },
];
