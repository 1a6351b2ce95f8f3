import { expect } from 'vitest';
import { addChannels } from '../0014-add-channels.js';
import { column, insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

const account = "INSERT INTO channel_accounts VALUES (?, 't1', 'whatsapp', 'Sales', 'team', ?, 'sealed', 5)";
const send = "INSERT INTO channel_sends (message_id, tenant_id, account_id, recipient, state, next_attempt_at, created_at, updated_at) VALUES (?, 't1', 'wa', '4917', ?, 10, 5, 5)";

/** Messaging channels: accounts, contacts, the send outbox, and each reply's delivery. */
export const CASES_0014: RelayCase[] = [
  {
    migration: addChannels,
    before: insertConversation,
    schema: {
      created: [
        'index channel_accounts_by_tenant ON channel_accounts(tenant_id)',
        'index channel_contacts_by_conversation ON channel_contacts(conversation_id)',
        "index channel_sends_due ON channel_sends(tenant_id, next_attempt_at) WHERE state IN ('queued', 'sending')",
        "index channel_sends_unsent_by_recipient ON channel_sends(account_id, recipient) WHERE state IN ('queued', 'sending')",
        'table channel_accounts(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), provider TEXT NOT NULL, display_name TEXT NOT NULL, team_id TEXT NOT NULL REFERENCES teams(id), webhook_token TEXT NOT NULL, credentials TEXT NOT NULL, created_at INTEGER NOT NULL)',
        'table channel_contacts(account_id TEXT PK NOT NULL REFERENCES channel_accounts(id), external_id TEXT PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), customer_id TEXT NOT NULL REFERENCES customers(id), conversation_id TEXT NOT NULL REFERENCES conversations(id), last_inbound_at INTEGER) WITHOUT ROWID',
        'table channel_sends(message_id TEXT PK NOT NULL REFERENCES messages(id), tenant_id TEXT NOT NULL REFERENCES tenants(id), account_id TEXT NOT NULL REFERENCES channel_accounts(id), recipient TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, provider_message_id TEXT, last_error TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
      altered: ['table messages + channel_delivery TEXT'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, body, channel_delivery FROM messages')).toEqual([{ id: 'm1', body: 'hello', channel_delivery: null }]);
      db.prepare(account).run('wa', 'token-1');
      // A webhook token names one account; an account routes to a team that exists.
      expect(() => db.prepare(account).run('wa-2', 'token-1')).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO channel_accounts VALUES ('x', 't1', 'telegram', 'X', 'nope', 'token-x', 's', 0)").run()).toThrow(/FOREIGN KEY/);
      db.exec("INSERT INTO channel_contacts VALUES ('wa', '4917', 't1', 'cu', 'c1', 3)");
      expect(() => db.exec("INSERT INTO channel_contacts VALUES ('wa', '4917', 't1', 'cu', 'c1', 4)")).toThrow(/UNIQUE|PRIMARY/);
      expect(column(db, "SELECT external_id FROM channel_contacts WHERE conversation_id = 'c1'")).toEqual(['4917']);
      expect(usesIndex(db, 'channel_contacts_by_conversation', "SELECT external_id FROM channel_contacts WHERE conversation_id = 'c1'")).toBe(true);
      // One send per message, in a known state; the due ones are found by index.
      db.prepare(send).run('m1', 'queued');
      expect(() => db.prepare(send).run('m1', 'queued')).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.prepare("UPDATE channel_sends SET state = 'lost'").run()).toThrow(/CHECK/);
      expect(rows(db, 'SELECT message_id, attempts, provider_message_id FROM channel_sends')).toEqual([{ message_id: 'm1', attempts: 0, provider_message_id: null }]);
      const due = "SELECT message_id FROM channel_sends WHERE tenant_id = 't1' AND state IN ('queued', 'sending') AND next_attempt_at <= 10";
      expect(usesIndex(db, 'channel_sends_due', due)).toBe(true);
    },
  },
];
