import { expect } from 'vitest';
import { addEmail } from '../0020-add-email.js';
import { insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

/** Email threads and originals: a token once per tenant, a tag once per mailbox, a Message-ID found by index. */
export const CASES_EMAIL: RelayCase[] = [
  {
    migration: addEmail,
    before(db) {
      insertConversation(db);
      db.exec("INSERT INTO channel_accounts VALUES ('em', 't1', 'email', 'Support', 'team', 'token-1', 'sealed', 5, NULL)");
    },
    schema: {
      created: [
        'index UNIQUE email_threads_by_tag ON email_threads(account_id, tag)',
        'index UNIQUE email_threads_by_token ON email_threads(tenant_id, reply_token)',
        'index email_originals_by_conversation ON email_originals(conversation_id, received_at)',
        'index email_originals_by_header ON email_originals(tenant_id, header_message_id) WHERE header_message_id IS NOT NULL',
        'table email_originals(message_id TEXT PK REFERENCES messages(id), tenant_id TEXT NOT NULL REFERENCES tenants(id), conversation_id TEXT NOT NULL REFERENCES conversations(id), account_id TEXT NOT NULL REFERENCES channel_accounts(id), header_message_id TEXT, refs TEXT NOT NULL, kind TEXT NOT NULL, from_address TEXT NOT NULL, subject TEXT NOT NULL, text TEXT NOT NULL, html TEXT, received_at INTEGER NOT NULL)',
        'table email_threads(conversation_id TEXT PK REFERENCES conversations(id), tenant_id TEXT NOT NULL REFERENCES tenants(id), account_id TEXT NOT NULL REFERENCES channel_accounts(id), customer_address TEXT NOT NULL, subject TEXT NOT NULL, reply_token TEXT NOT NULL, tag TEXT NOT NULL)',
      ],
    },
    after(db) {
      const thread = db.prepare('INSERT INTO email_threads VALUES (?, ?, ?, ?, ?, ?, ?)');
      thread.run('c1', 't1', 'em', 'nok@example.com', 'Order 42', 'abcdefgh2345', 'ABCDEFGH');
      expect(() => thread.run('c1', 't1', 'em', 'nok@example.com', 'Again', 'zzzzzzzz9999', 'ZZZZZZZZ')).toThrow(/UNIQUE|PRIMARY/);
      const original = db.prepare('INSERT INTO email_originals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      original.run('m1', 't1', 'c1', 'em', '<a@example.com>', '[]', 'customer', 'nok@example.com', 'Order 42', 'hello', null, 3);
      expect(() => original.run('m1', 't1', 'c1', 'em', null, '[]', 'bounce', 'x', 's', 't', null, 3)).toThrow(/CHECK|UNIQUE|PRIMARY/);
      expect(rows(db, 'SELECT message_id, header_message_id, html FROM email_originals')).toEqual([{ message_id: 'm1', header_message_id: '<a@example.com>', html: null }]);
      expect(usesIndex(db, 'email_originals_by_header', "SELECT message_id FROM email_originals WHERE tenant_id = 't1' AND header_message_id = '<a@example.com>'")).toBe(true);
    },
  },
];
