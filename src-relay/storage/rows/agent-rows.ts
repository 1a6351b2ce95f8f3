import type { AwayReason, Role, SettablePresence } from '../../../src-shared/domain/model.js';
import { DEFAULT_CAPACITY, RoutingProfile, WORK_KINDS, type WorkKind } from '../../../src-shared/domain/routing-score.js';
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

/**
 * Whether the agent has room for one of the asked kinds (`@call`, `@chat`, `@email` as 0 or 1 in
 * SQLite, booleans $n in PostgreSQL): their load under the capacity of their routing profile, or
 * routing-score's DEFAULT_CAPACITY without one. `capacityOf` says how each engine reads the JSON.
 */
export function roomFor(asked: Record<WorkKind, string>, capacityOf: (kind: WorkKind) => string): string {
  return WORK_KINDS.map((kind) => `(${asked[kind]} AND a.load_${kind} < COALESCE(${capacityOf(kind)}, ${DEFAULT_CAPACITY[kind]}))`).join(' OR ');
}
