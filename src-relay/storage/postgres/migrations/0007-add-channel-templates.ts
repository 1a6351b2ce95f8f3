import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0018-add-channel-templates: each messaging account's approved templates, and the template a queued reply is. */
export const addChannelTemplates: PostgresMigration = {
  version: 7,
  name: '0007-add-channel-templates',
  async up(client) {
    await client.query(`
      CREATE TABLE channel_templates (
        account_id text NOT NULL REFERENCES channel_accounts(id),
        name text NOT NULL,
        language text NOT NULL,
        category text NOT NULL,
        header text,
        body text NOT NULL,
        footer text,
        parameter_count integer NOT NULL,
        fetched_at bigint NOT NULL,
        PRIMARY KEY (account_id, name, language)
      );
      ALTER TABLE channel_sends ADD COLUMN template text;
    `);
  },
};
