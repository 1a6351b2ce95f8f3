import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Approved message templates (WhatsApp's), per messaging account, as the relay last fetched them
 * from the provider: what an agent may send once the customer-service window has closed. And the
 * template a queued reply is (`channel_sends.template`, JSON of name, language and values; null
 * for free text), so the sender sends the template rather than the rendered text.
 */
export const addChannelTemplates: Migration = {
  version: 18,
  name: '0018-add-channel-templates',
  up(db) {
    db.exec(`
      CREATE TABLE channel_templates (
        account_id TEXT NOT NULL REFERENCES channel_accounts(id),
        name TEXT NOT NULL,
        language TEXT NOT NULL,
        category TEXT NOT NULL,
        header TEXT,
        body TEXT NOT NULL,
        footer TEXT,
        parameter_count INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, name, language)
      ) WITHOUT ROWID;
      ALTER TABLE channel_sends ADD COLUMN template TEXT;
    `);
  },
};
