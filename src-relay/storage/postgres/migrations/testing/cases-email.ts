import { expect } from 'vitest';
import { addEmail } from '../0009-add-email.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

/** Email threads and originals: a token once per tenant, a tag once per mailbox, a kind among the known. */
export const POSTGRES_EMAIL_CASES: PostgresCase[] = [
  {
    migration: addEmail,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("INSERT INTO channel_accounts VALUES ('em', 't1', 'email', 'Support', 'team', 'token-1', 'sealed', 5, NULL)");
    },
    schema: {
      created: [
        'index UNIQUE email_threads_by_tag ON email_threads(account_id, tag)',
        'index UNIQUE email_threads_by_token ON email_threads(tenant_id, reply_token)',
        'index email_originals_by_conversation ON email_originals(conversation_id, received_at)',
        'index email_originals_by_header ON email_originals(tenant_id, header_message_id) WHERE (header_message_id IS NOT NULL)',
        "table email_originals(message_id text PK REFERENCES messages(id), tenant_id text NOT NULL REFERENCES tenants(id), conversation_id text NOT NULL REFERENCES conversations(id), account_id text NOT NULL REFERENCES channel_accounts(id), header_message_id text, refs text NOT NULL, kind text NOT NULL CHECK ((kind = ANY (ARRAY['customer'::text, 'auto-reply'::text]))), from_address text NOT NULL, subject text NOT NULL, text text NOT NULL, html text, received_at bigint NOT NULL)",
        'table email_threads(conversation_id text PK REFERENCES conversations(id), tenant_id text NOT NULL REFERENCES tenants(id), account_id text NOT NULL REFERENCES channel_accounts(id), customer_address text NOT NULL, subject text NOT NULL, reply_token text NOT NULL, tag text NOT NULL)',
      ],
    },
    async after(db) {
      await db.pool.query("INSERT INTO email_threads VALUES ('c1', 't1', 'em', 'nok@example.com', 'Order 42', 'abcdefgh2345', 'ABCDEFGH')");
      expect(await refusal(db, "INSERT INTO email_threads VALUES ('c1', 't1', 'em', 'nok@example.com', 'Again', 'zzzzzzzz9999', 'ZZZZZZZZ')")).toMatch(/duplicate key/);
      await db.pool.query("INSERT INTO email_originals VALUES ('m1', 't1', 'c1', 'em', '<a@example.com>', '[]', 'customer', 'nok@example.com', 'Order 42', 'hello', NULL, 3)");
      expect(await refusal(db, "INSERT INTO email_originals VALUES ('m2', 't1', 'c1', 'em', NULL, '[]', 'bounce', 'x', 's', 't', NULL, 3)")).toMatch(/check constraint|foreign key/);
      expect(await rows(db, 'SELECT message_id, header_message_id, received_at FROM email_originals')).toEqual([{ message_id: 'm1', header_message_id: '<a@example.com>', received_at: 3 }]);
    },
  },
];
