import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * An agent who frees up in a team whose customers mostly write a language they do not (an agent
 * of two teams, say) was looked for work through that team's whole queue: the drain read page
 * after page of conversations nobody with room could serve. The waiting conversations are now
 * also indexed by the primary subtag of their language (routing-score's primaryOf: "pt-BR" is
 * "pt"), so a drain reads each team's queue of the languages its agents with room can serve,
 * from its head, and no more.
 */
export const addWaitingByLanguageIndex: Migration = {
  version: 35,
  name: '0035-add-waiting-by-language-index',
  up(db) {
    db.exec(`
      CREATE INDEX conversations_waiting_by_language ON conversations(tenant_id, team_id,
        (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END),
        (lower(substr(language || '-', 1, instr(language || '-', '-') - 1))), queue_urgency, created_at, id)
        WHERE assignee_id IS NULL AND status <> 'resolved'`);
  },
};
