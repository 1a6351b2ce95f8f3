import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** Attachments: SQLite's 0015-add-files (which tenant holds which file, and where it was shared). */
export const addFiles: PostgresMigration = {
  version: 4,
  name: '0004-add-files',
  async up(client) {
    await client.query(`
      CREATE TABLE files (
        tenant_id text NOT NULL REFERENCES tenants(id),
        id text NOT NULL,
        media_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        name text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX files_by_id ON files(id);
      CREATE TABLE conversation_files (
        tenant_id text NOT NULL,
        conversation_id text NOT NULL,
        file_id text NOT NULL,
        PRIMARY KEY (tenant_id, conversation_id, file_id)
      );
      CREATE INDEX conversation_files_by_file ON conversation_files(tenant_id, file_id);
    `);
  },
};
