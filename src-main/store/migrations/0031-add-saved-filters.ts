import type { Migration } from '../../../src-node/sqlite/migration.js';

/** A time later than any due time: `min` over the targets that run, when some do. */
const NEVER = '9223372036854775807';
const due = (target: string) => `COALESCE(json_extract(sla, '$.${target}DueAt'), ${NEVER})`;

/**
 * The inbox's views (issue 21): each agent's saved filters, kept on this desk; the nearest SLA
 * due time as a column the filters can compare with `now` (as domain/sla.ts `slaStateAt` does);
 * and indexes for the views' counts: one that holds every column the built-in views count by
 * (read without the rows), by channel, and the mention notices by conversation.
 */
export const addSavedFilters: Migration = {
  version: 31,
  name: 'add-saved-filters',
  up(db) {
    db.exec(`
      CREATE TABLE saved_filters (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        name TEXT NOT NULL,
        criteria TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (agent_id, name)
      ) STRICT;

      ALTER TABLE conversations ADD COLUMN sla_due_at INTEGER GENERATED ALWAYS AS
        (NULLIF(min(${due('firstResponse')}, ${due('nextResponse')}, ${due('resolution')}), ${NEVER})) VIRTUAL;
      CREATE INDEX conversations_by_view ON conversations (status, team_id, channel, assignee_id, id);
      CREATE INDEX conversations_by_channel ON conversations (channel);
      CREATE INDEX conversations_by_sla_due ON conversations (sla_due_at);
      CREATE INDEX notices_by_kind ON notices (kind, conversation_id);
    `);
  },
};
