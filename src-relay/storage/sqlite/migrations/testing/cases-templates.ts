import { expect } from 'vitest';
import { addChannelTemplates } from '../0018-add-channel-templates.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

const template = "INSERT INTO channel_templates VALUES ('wa', ?, ?, 'UTILITY', NULL, 'Hello {{1}}', NULL, 1, 7)";

/** Approved templates per account, once per name and language; a queued reply of version 17 is free text. */
export const CASES_TEMPLATES: RelayCase[] = [
  {
    migration: addChannelTemplates,
    before(db) {
      insertConversation(db);
      db.exec(`INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-wa', 'sealed', 1, NULL);
        INSERT INTO channel_sends (message_id, tenant_id, account_id, recipient, state, next_attempt_at, created_at, updated_at) VALUES ('m1', 't1', 'wa', '4917', 'queued', 3, 3, 3);`);
    },
    schema: {
      created: [
        'table channel_templates(account_id TEXT PK NOT NULL REFERENCES channel_accounts(id), name TEXT PK NOT NULL, language TEXT PK NOT NULL, category TEXT NOT NULL, header TEXT, body TEXT NOT NULL, footer TEXT, parameter_count INTEGER NOT NULL, fetched_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
      altered: ['table channel_sends + template TEXT'],
    },
    after(db) {
      expect(rows(db, 'SELECT message_id, template FROM channel_sends')).toEqual([{ message_id: 'm1', template: null }]);
      db.prepare(template).run('order_update', 'en_US');
      db.prepare(template).run('order_update', 'pt_BR');
      expect(() => db.prepare(template).run('order_update', 'en_US')).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.prepare("INSERT INTO channel_templates VALUES ('nope', 'x', 'en', 'UTILITY', NULL, 'b', NULL, 0, 7)").run()).toThrow(/FOREIGN KEY/);
      expect(rows(db, 'SELECT language FROM channel_templates ORDER BY language')).toEqual([{ language: 'en_US' }, { language: 'pt_BR' }]);
    },
  },
];
