import type { AwayReason, Role, SettablePresence } from '../../../src-shared/domain/model.js';
import { RoutingProfile, WORK_KINDS, type WorkKind } from '../../../src-shared/domain/routing-score.js';
import type { ReadyAgent, RoutableAgent } from '../port/accounts.js';

/** An agent's columns as both adapters select them (the chosen state read as `presence`). */
export interface AgentRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  password_hash: string;
  presence: SettablePresence;
  state_reason: AwayReason | null;
  state_until: number | null;
  last_assigned_at: number;
}

/** What routing reads of an agent, as both adapters select it (the chosen state read as `presence`). */
export interface RoutableRow {
  id: string;
  presence: SettablePresence;
  last_assigned_at: number;
  language: string;
  routing: string | null;
}

export function toRoutable(r: RoutableRow): RoutableAgent {
  return {
    agentId: r.id,
    chosenPresence: r.presence,
    lastAssignedAt: r.last_assigned_at,
    language: r.language,
    routing: r.routing === null ? null : RoutingProfile.parse(JSON.parse(r.routing)),
  };
}

/** Emails are compared without case: people type them both ways. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A ready agent's row: the routable columns, their team and their stored loads. */
export interface ReadyRow extends RoutableRow {
  team_id: string;
  load_call: number;
  load_chat: number;
  load_email: number;
}

export function toReady(r: ReadyRow): ReadyAgent {
  return { ...toRoutable(r), teamId: r.team_id, load: { call: r.load_call, chat: r.load_chat, email: r.load_email } };
}

/** How each engine says the parts of `readyAgentsSql` that differ: its parameters and its order of text. */
export interface ReadyQueryWords {
  teamIn: string;
  tenant: string;
  /** Null when no agent is asked for whatever their room. */
  alsoIn: string | null;
  order: string;
  /**
   * How the kinds' conditions are put together so that the engine reads each through its index:
   * SQLite reads a UNION of one query per kind so; PostgreSQL an OR, as one bitmap of the indexes
   * (its UNION would sort and compare the whole rows to remove the repeated ones).
   */
  combine: 'union' | 'or';
}

const READY_COLUMNS = `at.team_id, a.id, COALESCE(a.state, a.presence) AS presence, a.last_assigned_at, a.language, a.routing, a.load_call, a.load_chat, a.load_email`;

/**
 * The agents of some teams who chose to be available and have room for one of `kinds` (each kind
 * through its partial index, agents_with_room_for_*, whose condition each branch repeats), and
 * those of `alsoIn` whatever their room; null when nothing is asked.
 */
export function readyAgentsSql(kinds: readonly WorkKind[], words: ReadyQueryWords): string | null {
  const conditions = WORK_KINDS.filter((kind) => kinds.includes(kind)).map(
    (kind) => `(a.role = 'agent' AND COALESCE(a.state, a.presence) = 'available' AND a.load_${kind} < a.capacity_${kind})`,
  );
  if (words.alsoIn !== null) conditions.push(`(a.role = 'agent' AND COALESCE(a.state, a.presence) = 'available' AND ${words.alsoIn})`);
  if (conditions.length === 0) return null;
  const from = `FROM agents a JOIN agent_teams at ON at.agent_id = a.id AND ${words.teamIn} WHERE a.tenant_id = ${words.tenant}`;
  if (words.combine === 'or') return `SELECT ${READY_COLUMNS} ${from} AND (${conditions.join(' OR ')}) ORDER BY ${words.order}`;
  const branches = conditions.map((condition) => `SELECT ${READY_COLUMNS} ${from} AND ${condition}`);
  return `SELECT * FROM (${branches.join('\n UNION ')}) ready ORDER BY ${words.order}`;
}
