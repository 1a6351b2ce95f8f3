import type Database from 'better-sqlite3';
import { ConversationCriteria, type FilterChoices, type SavedFilter } from '../../src-shared/api/contract.js';
import { SELECTION_SQL, selectionParams, type ConversationSelection, type SelectionParams } from './conversation-selection.js';

/** The open and pending conversations of one team on one channel, and how many of them each built-in view holds. */
export interface ViewTally {
  teamId: string;
  channel: string;
  open: number;
  mine: number;
  unassigned: number;
  mentions: number;
}

/**
 * The conversations as the agent sees them, read cheaply: one with nothing of ours in the outbox
 * is shown as the relay sent it, so only the few with pending changes (found from the outbox)
 * go through `shown_conversations` and its per-row outbox lookups. `columns` are the settled
 * rows' columns (the tally's few let it read the covering index `conversations_by_view`);
 * `settled` and `pending` narrow each side before the union.
 */
function counted(columns: string, settled = 'true', pending = 'true'): string {
  const shown = columns.replace(/\bc\.(assignee_id|status|labels)\b/g, 's.shown_$1').replace(/\bc\./g, 's.');
  return `(
    SELECT ${columns.replace(/\bc\.(assignee_id|status|labels)\b/g, 'c.$1 AS shown_$1')}
      FROM conversations c WHERE c.id NOT IN (SELECT conversation_id FROM outbox) AND ${settled}
    UNION ALL
    SELECT ${shown}
      FROM shown_conversations s WHERE s.id IN (SELECT conversation_id FROM outbox) AND ${pending}
  )`;
}
// Open and pending only: the index's first column skips the resolved ones, most of a long-used cache.
const TALLIED = counted('c.id, c.team_id, c.channel, c.assignee_id, c.status', "c.status IN ('open', 'pending')", "s.shown_status <> 'resolved'");
/**
 * A selection's count, each side apart: without a union to feed, SQLite flattens the settled side
 * and works out a column (the SLA due time, the labels) only for the rows a filter asks it of.
 */
const FILTERED_COUNT = `
  SELECT (SELECT COUNT(*) FROM (SELECT c.*, c.assignee_id AS shown_assignee_id, c.status AS shown_status, c.labels AS shown_labels
                                  FROM conversations c WHERE c.id NOT IN (SELECT conversation_id FROM outbox))
           WHERE ${SELECTION_SQL})
       + (SELECT COUNT(*) FROM shown_conversations WHERE id IN (SELECT conversation_id FROM outbox) AND ${SELECTION_SQL}) AS n`;

interface FilterRow {
  id: string;
  name: string;
  criteria: string;
}

/**
 * The inbox views' counts and each agent's saved filters (migration 0031). Counts are SQL
 * aggregates over the shown conversations: one pass for every built-in view, one per saved filter.
 */
export class ViewStore {
  private readonly selectTally: Database.Statement<{ me: string; teams: string }, ViewTally>;
  private readonly selectChannels: Database.Statement<[], { channel: string }>;
  private readonly selectCount: Database.Statement<SelectionParams, { n: number }>;
  private readonly selectFilters: Database.Statement<[string], FilterRow>;
  private readonly selectFilter: Database.Statement<[string, string], FilterRow>;
  private readonly insertFilter: Database.Statement<{ id: string; agent: string; name: string; criteria: string; at: number }>;
  private readonly updateFilter: Database.Statement<{ id: string; agent: string; name: string; criteria: string }>;
  private readonly deleteFilterRow: Database.Statement<[string, string]>;
  private readonly selectLabels: Database.Statement<[], { value: string }>;
  private readonly selectLanguages: Database.Statement<[], { value: string }>;
  private readonly selectMarkets: Database.Statement<[], { value: string }>;

  constructor(db: Database.Database) {
    this.selectTally = db.prepare(`
      SELECT team_id AS teamId, channel, COUNT(*) AS open,
             COALESCE(SUM(shown_assignee_id = @me), 0) AS mine,
             COALESCE(SUM(shown_assignee_id IS NULL AND team_id IN (SELECT value FROM json_each(@teams))), 0) AS unassigned,
             COALESCE(SUM(id IN (SELECT conversation_id FROM notices WHERE kind = 'mentioned')), 0) AS mentions
        FROM ${TALLIED}
       WHERE shown_status <> 'resolved'
       GROUP BY team_id, channel`);
    this.selectChannels = db.prepare('SELECT DISTINCT channel FROM conversations ORDER BY channel');
    this.selectCount = db.prepare(FILTERED_COUNT);
    this.selectFilters = db.prepare('SELECT id, name, criteria FROM saved_filters WHERE agent_id = ? ORDER BY created_at, rowid');
    this.selectFilter = db.prepare('SELECT id, name, criteria FROM saved_filters WHERE agent_id = ? AND id = ?');
    this.insertFilter = db.prepare('INSERT INTO saved_filters (id, agent_id, name, criteria, created_at) VALUES (@id, @agent, @name, @criteria, @at)');
    this.updateFilter = db.prepare('UPDATE saved_filters SET name = @name, criteria = @criteria WHERE id = @id AND agent_id = @agent');
    this.deleteFilterRow = db.prepare('DELETE FROM saved_filters WHERE agent_id = ? AND id = ?');
    this.selectLabels = db.prepare('SELECT DISTINCT l.value AS value FROM shown_conversations c, json_each(c.shown_labels) l ORDER BY 1');
    this.selectLanguages = db.prepare('SELECT DISTINCT language AS value FROM conversations ORDER BY 1');
    this.selectMarkets = db.prepare('SELECT DISTINCT market AS value FROM conversations WHERE market IS NOT NULL ORDER BY 1');
  }

  /** The built-in views' counts, per team and channel, in one pass over the open and pending conversations. */
  tally(agentId: string, teamIds: readonly string[]): ViewTally[] {
    return this.selectTally.all({ me: agentId, teams: JSON.stringify(teamIds) });
  }

  /** The channels this desk holds any conversation on. */
  channels(): string[] {
    return this.selectChannels.all().map((row) => row.channel);
  }

  count(selection: ConversationSelection, now: number): number {
    return this.selectCount.get(selectionParams(selection, now))?.n ?? 0;
  }

  filters(agentId: string): SavedFilter[] {
    return this.selectFilters.all(agentId).map(fromRow);
  }

  filter(agentId: string, filterId: string): SavedFilter | undefined {
    const row = this.selectFilter.get(agentId, filterId);
    return row && fromRow(row);
  }

  /** Throws SQLite's UNIQUE error when the agent already has a filter of that name. */
  addFilter(agentId: string, filter: SavedFilter, now: number): void {
    this.insertFilter.run({ id: filter.id, agent: agentId, name: filter.name, criteria: JSON.stringify(filter.criteria), at: now });
  }

  /** False when the agent has no such filter. */
  replaceFilter(agentId: string, filter: SavedFilter): boolean {
    return this.updateFilter.run({ id: filter.id, agent: agentId, name: filter.name, criteria: JSON.stringify(filter.criteria) }).changes > 0;
  }

  deleteFilter(agentId: string, filterId: string): boolean {
    return this.deleteFilterRow.run(agentId, filterId).changes > 0;
  }

  choices(): FilterChoices {
    const values = (statement: Database.Statement<[], { value: string }>) => statement.all().map((row) => row.value);
    return { labels: values(this.selectLabels), languages: values(this.selectLanguages), markets: values(this.selectMarkets) };
  }
}

/** Rows written by an older release are read with today's defaults. */
function fromRow(row: FilterRow): SavedFilter {
  return { id: row.id, name: row.name, criteria: ConversationCriteria.parse(JSON.parse(row.criteria)) };
}
