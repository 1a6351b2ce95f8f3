import { expect } from 'vitest';
import { addChannelTemplates } from '../0007-add-channel-templates.js';
import { insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

const template = "INSERT INTO channel_templates VALUES ($1, $2, $3, 'UTILITY', NULL, 'Hello {{1}}', NULL, 1, 7)";

/** Approved templates per account, once per name and language; a queued reply of version 6 is free text. */
export const POSTGRES_TEMPLATE_CASES: PostgresCase[] = [
  {
    migration: addChannelTemplates,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-wa', 'sealed', 1, NULL)");
      await db.pool.query("INSERT INTO channel_sends (message_id, tenant_id, account_id, recipient, state, next_attempt_at, created_at, updated_at) VALUES ('m1', 't1', 'wa', '4917', 'queued', 3, 3, 3)");
    },
    schema: {
      created: [
        'table channel_templates(account_id text NOT NULL REFERENCES channel_accounts(id), name text NOT NULL, language text NOT NULL, category text NOT NULL, header text, body text NOT NULL, footer text, parameter_count integer NOT NULL, fetched_at bigint NOT NULL, PRIMARY KEY (account_id, name, language))',
      ],
      altered: ['table channel_sends + template text'],
    },
    async after(db) {
      expect(await rows(db, 'SELECT message_id, template FROM channel_sends')).toEqual([{ message_id: 'm1', template: null }]);
      await db.pool.query(template, ['wa', 'order_update', 'en_US']);
      await db.pool.query(template, ['wa', 'order_update', 'pt_BR']);
      expect(await refusal(db, template, 'wa', 'order_update', 'en_US')).toMatch(/channel_templates_pkey/);
      expect(await refusal(db, template, 'nope', 'x', 'en')).toMatch(/channel_templates_account_id_fkey/);
      expect(await rows(db, 'SELECT language, fetched_at FROM channel_templates ORDER BY language')).toEqual([{ language: 'en_US', fetched_at: 7 }, { language: 'pt_BR', fetched_at: 7 }]);
    },
  },
];
