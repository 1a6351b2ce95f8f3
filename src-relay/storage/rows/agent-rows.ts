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

/**
 * Whether the agent (`a`) has room for one of the asked kinds (`asked`: 0 or 1 in SQLite, booleans
 * in PostgreSQL): their stored load under the capacity stored from their routing profile.
 */
export function roomFor(asked: Record<WorkKind, string>): string {
  return WORK_KINDS.map((kind) => `(${asked[kind]} AND a.load_${kind} < a.capacity_${kind})`).join(' OR ');
}
