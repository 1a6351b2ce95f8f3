import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0035-add-waiting-by-language-index: the waiting conversations per team, kind of work and primary language subtag, in the queue's order. */
export const addWaitingByLanguageIndex: PostgresMigration = {
  version: 24,
  name: '0024-add-waiting-by-language-index',
  async up(client) {
    await client.query(`
      CREATE INDEX conversations_waiting_by_language ON conversations (tenant_id, team_id,
        (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END), (split_part(lower(language), '-', 1)),
        queue_urgency, created_at, id COLLATE "C")
        WHERE assignee_id IS NULL AND status <> 'resolved'`);
  },
};
