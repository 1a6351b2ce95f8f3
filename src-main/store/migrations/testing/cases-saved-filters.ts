import { expect } from 'vitest';
import { reservedForAnotherBranch } from '../0030-reserved.js';
import { addSavedFilters } from '../0031-add-saved-filters.js';
import { column, insertConversation, type CacheCase } from './cache-rows.js';

const sla = (first: number | null, next: number | null, resolution: number | null) =>
  JSON.stringify({ policyId: 'p', firstResponseDueAt: first, nextResponseDueAt: next, resolutionDueAt: resolution, firstRespondedAt: null, breached: [] });

/** 30 changes nothing; 31 adds saved filters, the nearest SLA due time of every conversation (old rows too), and the views' indexes. */
export const CASES_SAVED_FILTERS: CacheCase[] = [
  {
    migration: reservedForAnotherBranch,
    schema: {},
    after(db) {
      expect(column(db, 'SELECT count(*) FROM conversations')).toEqual([0]);
    },
  },
  {
    migration: addSavedFilters,
    before(db) {
      insertConversation(db, 'c1');
      insertConversation(db, 'c2');
      insertConversation(db, 'c3');
      db.prepare("UPDATE conversations SET sla = ? WHERE id = 'c1'").run(sla(5_000, null, 9_000));
      db.prepare("UPDATE conversations SET sla = ? WHERE id = 'c2'").run(sla(null, null, null));
    },
    schema: {
      created: [
        'table saved_filters(id TEXT PK NOT NULL, agent_id TEXT NOT NULL, name TEXT NOT NULL, criteria TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT',
        'index conversations_by_view ON conversations (status, team_id, channel, assignee_id, id)',
        'index conversations_by_channel ON conversations (channel)',
        'index conversations_by_sla_due ON conversations (sla_due_at)',
        'index notices_by_kind ON notices (kind, conversation_id)',
      ],
      // A generated column is not among the table's plain columns: only its definition changes.
      altered: ['table conversations'],
    },
    after(db) {
      // The soonest running target; none running, or no clock at all, is null.
      expect(column(db, 'SELECT sla_due_at FROM conversations ORDER BY id')).toEqual([5_000, null, null]);
      db.prepare("UPDATE conversations SET sla = ? WHERE id = 'c3'").run(sla(null, 7_000, 3_000));
      expect(column(db, "SELECT sla_due_at FROM shown_conversations WHERE id = 'c3'")).toEqual([3_000]);
      db.exec("INSERT INTO saved_filters (id, agent_id, name, criteria, created_at) VALUES ('f1', 'a1', 'VIP', '{}', 1)");
      // A name is the agent's once; another agent may use it too.
      expect(() => db.exec("INSERT INTO saved_filters (id, agent_id, name, criteria, created_at) VALUES ('f2', 'a1', 'VIP', '{}', 1)")).toThrow(/UNIQUE/);
      db.exec("INSERT INTO saved_filters (id, agent_id, name, criteria, created_at) VALUES ('f3', 'a2', 'VIP', '{}', 1)");
      expect(column(db, 'SELECT id FROM saved_filters ORDER BY id')).toEqual(['f1', 'f3']);
    },
  },
];
