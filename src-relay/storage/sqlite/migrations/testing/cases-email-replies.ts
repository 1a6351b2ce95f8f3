import { expect } from 'vitest';
import { addEmailReplies } from '../0023-add-email-replies.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

/** An email reply's fields belong to a stored message, once. */
export const CASES_EMAIL_REPLIES: RelayCase[] = [
  {
    migration: addEmailReplies,
    before(db) {
      insertConversation(db);
    },
    schema: {
      created: [
        'index email_replies_by_conversation ON email_replies(conversation_id)',
        'table email_replies(message_id TEXT PK NOT NULL REFERENCES messages(id), tenant_id TEXT NOT NULL REFERENCES tenants(id), conversation_id TEXT NOT NULL REFERENCES conversations(id), reply TEXT NOT NULL) WITHOUT ROWID',
      ],
    },
    after(db) {
      db.exec(`INSERT INTO email_replies VALUES ('m1', 't1', 'c1', '{"cc":["kim@example.com"]}')`);
      expect(() => db.exec(`INSERT INTO email_replies VALUES ('m1', 't1', 'c1', '{}')`)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => db.exec(`INSERT INTO email_replies VALUES ('nope', 't1', 'c1', '{}')`)).toThrow(/FOREIGN KEY/);
      expect(rows(db, 'SELECT message_id, reply FROM email_replies')).toEqual([{ message_id: 'm1', reply: '{"cc":["kim@example.com"]}' }]);
    },
  },
];
