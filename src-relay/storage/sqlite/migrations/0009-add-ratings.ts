import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Customer satisfaction: one rating per resolved conversation, with where it stood, for reports. */
export const addRatings: Migration = {
  version: 9,
  name: '0009-add-ratings',
  up(db) {
    db.exec(`
      CREATE TABLE ratings (
        conversation_id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment TEXT,
        rated_at INTEGER NOT NULL,
        team_id TEXT NOT NULL,
        assignee_id TEXT,
        channel TEXT NOT NULL,
        market TEXT
      ) WITHOUT ROWID;
      CREATE INDEX ratings_by_time ON ratings(tenant_id, rated_at);
    `);
  },
};
