import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Attachments: which tenant holds which file (the bytes are kept once, by content, in the file
 * store), and the conversations each was shared in. Links name nothing by foreign key: an
 * erasure removes conversations and leaves their ids behind, and a composite key to `files` would
 * read differently on the two engines (postgres/migrations/schema-parity.test.ts); the files
 * repository writes a link only beside its record.
 */
export const addFiles: Migration = {
  version: 15,
  name: '0015-add-files',
  up(db) {
    db.exec(`
      CREATE TABLE files (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        id TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size > 0),
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX files_by_id ON files(id);
      CREATE TABLE conversation_files (
        tenant_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        file_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, conversation_id, file_id)
      ) WITHOUT ROWID;
      CREATE INDEX conversation_files_by_file ON conversation_files(tenant_id, file_id);
    `);
  },
};
