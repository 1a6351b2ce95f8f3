import { expect } from 'vitest';
import { addRoutingProfiles } from '../0008-add-routing-profiles.js';
import { addRatings } from '../0009-add-ratings.js';
import { addConversationSignals } from '../0010-add-conversation-signals.js';
import { addAgentStates } from '../0011-add-agent-states.js';
import { addOffers } from '../0012-add-offers.js';
import { addCalls } from '../0013-add-calls.js';
import { column, insertAccounts, insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

/** Routing profiles, ratings, conversation signals, agent states, offers, calls. */
export const CASES_0008_0013: RelayCase[] = [
  {
    migration: addRoutingProfiles,
    before: insertAccounts,
    schema: { altered: ['table agents + routing TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, email, routing FROM agents')).toEqual([{ id: 'ann', email: 'ann@x.test', routing: null }]);
    },
  },
  {
    migration: addRatings,
    before: insertConversation,
    schema: {
      created: [
        'index ratings_by_time ON ratings(tenant_id, rated_at)',
        'table ratings(conversation_id TEXT PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), score INTEGER NOT NULL, comment TEXT, rated_at INTEGER NOT NULL, team_id TEXT NOT NULL, assignee_id TEXT, channel TEXT NOT NULL, market TEXT) WITHOUT ROWID',
      ],
    },
    after(db) {
      const rate = db.prepare("INSERT INTO ratings VALUES (?, 't1', ?, NULL, 5, 'team', 'ann', 'webchat', 'TH')");
      rate.run('c1', 5);
      expect(() => rate.run('c1', 4)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => rate.run('c2', 0)).toThrow(/CHECK/);
      expect(() => rate.run('c3', 6)).toThrow(/CHECK/);
      expect(rows(db, 'SELECT conversation_id, score FROM ratings')).toEqual([{ conversation_id: 'c1', score: 5 }]);
    },
  },
  {
    migration: addConversationSignals,
    before: insertConversation,
    schema: { altered: ['table conversations + intent TEXT + upset INTEGER NOT NULL DEFAULT 0'] },
    after(db) {
      expect(rows(db, 'SELECT id, assignee_id, intent, upset FROM conversations')).toEqual([{ id: 'c1', assignee_id: 'ann', intent: null, upset: 0 }]);
    },
  },
  {
    migration: addAgentStates,
    before(db) {
      insertAccounts(db);
      db.exec("UPDATE agents SET presence = 'available'");
    },
    schema: {
      created: ['index agents_state_until ON agents(state_until) WHERE state_until IS NOT NULL'],
      altered: ['table agents + state TEXT + state_reason TEXT + state_until INTEGER'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, presence, state, state_reason, state_until FROM agents')).toEqual([
        { id: 'ann', presence: 'available', state: null, state_reason: null, state_until: null },
      ]);
      // `presence` keeps its CHECK: only the state says more than available or away.
      db.exec("UPDATE agents SET state = 'after_call_work', state_until = 60");
      expect(() => db.exec("UPDATE agents SET presence = 'busy'")).toThrow(/CHECK/);
      expect(usesIndex(db, 'agents_state_until', 'SELECT id FROM agents WHERE state_until IS NOT NULL AND state_until <= 99')).toBe(true);
    },
  },
  {
    migration: addOffers,
    before: insertConversation,
    schema: {
      created: ['index conversations_offer_expiry ON conversations(offer_expires_at) WHERE offer_expires_at IS NOT NULL'],
      altered: [
        "table conversations + offer_agent_id TEXT + offer_expires_at INTEGER + passed_over TEXT NOT NULL DEFAULT '[]'",
        'table tenants + offer_timeout_ms INTEGER',
      ],
    },
    after(db) {
      expect(rows(db, 'SELECT id, offer_timeout_ms FROM tenants')).toEqual([{ id: 't1', offer_timeout_ms: null }]);
      expect(rows(db, 'SELECT id, offer_agent_id, offer_expires_at, passed_over FROM conversations')).toEqual([
        { id: 'c1', offer_agent_id: null, offer_expires_at: null, passed_over: '[]' },
      ]);
      db.exec("UPDATE conversations SET offer_agent_id = 'ann', offer_expires_at = 30");
      expect(column(db, 'SELECT id FROM conversations WHERE offer_expires_at IS NOT NULL AND offer_expires_at <= 30')).toEqual(['c1']);
      expect(usesIndex(db, 'conversations_offer_expiry', 'SELECT id FROM conversations WHERE offer_expires_at IS NOT NULL AND offer_expires_at <= 30')).toBe(true);
    },
  },
  {
    migration: addCalls,
    before: insertConversation,
    schema: { altered: ['table messages + call TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, client_message_id, call FROM messages')).toEqual([{ id: 'm1', body: 'hello', client_message_id: 'x1', call: null }]);
    },
  },
];
