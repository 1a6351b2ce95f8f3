import { expect } from 'vitest';
import { createAccounts } from '../0001-create-accounts.js';
import { createConversationsAndLog } from '../0002-create-conversations-and-log.js';
import { addNotesErasureAndLogFloor } from '../0003-add-notes-erasure-and-log-floor.js';
import { addMessageOriginals } from '../0004-add-message-originals.js';
import { createArticles } from '../0005-create-articles.js';
import { addTeamSchedules } from '../0006-add-team-schedules.js';
import { addSla } from '../0007-add-sla.js';
import { column, insertAccounts, insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

const newAgent = "INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, created_at) VALUES (?, ?, 'a@x.test', 'A', ?, 'en', 'h', 0)";

/** The relay's accounts, conversations and log, notes and erasure, originals and labels, articles, team hours, SLA. */
export const CASES_0001_0007: RelayCase[] = [
  {
    migration: createAccounts,
    schema: {
      created: [
        'index agents_by_email ON agents(email)',
        'index auth_tokens_by_expiry ON auth_tokens(expires_at)',
        'index teams_by_tenant ON teams(tenant_id, position)',
        'table agent_teams(agent_id TEXT PK NOT NULL REFERENCES agents(id) ON DELETE CASCADE, team_id TEXT PK NOT NULL REFERENCES teams(id) ON DELETE CASCADE) WITHOUT ROWID',
        "table agents(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), email TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, language TEXT NOT NULL, password_hash TEXT NOT NULL, presence TEXT NOT NULL DEFAULT 'away', last_assigned_at INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)",
        'table auth_tokens(token_hash TEXT PK NOT NULL, agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID',
        'table teams(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), name TEXT NOT NULL, languages TEXT NOT NULL, position INTEGER NOT NULL)',
        'table tenants(id TEXT PK, name TEXT NOT NULL, created_at INTEGER NOT NULL)',
      ],
    },
    after(db) {
      db.exec("INSERT INTO tenants VALUES ('t1', 'One', 0), ('t2', 'Two', 0)");
      // An email is unique within a tenant, not across tenants.
      db.prepare(newAgent).run('a1', 't1', 'agent');
      db.prepare(newAgent).run('a2', 't2', 'agent');
      expect(() => db.prepare(newAgent).run('a3', 't1', 'agent')).toThrow(/UNIQUE/);
      expect(() => db.prepare(newAgent).run('a4', 't2', 'owner')).toThrow(/CHECK/);
      expect(() => db.exec("UPDATE agents SET presence = 'offline' WHERE id = 'a1'")).toThrow(/CHECK/);
      expect(rows(db, "SELECT presence, last_assigned_at FROM agents WHERE id = 'a1'")).toEqual([{ presence: 'away', last_assigned_at: 0 }]);
      // An agent's tokens and team places go with the agent.
      db.exec(`INSERT INTO teams VALUES ('team', 't1', 'Team', '["en"]', 0); INSERT INTO agent_teams VALUES ('a1', 'team');
        INSERT INTO auth_tokens VALUES ('hash', 'a1', 0, 10); DELETE FROM agents WHERE id = 'a1';`);
      expect([column(db, 'SELECT token_hash FROM auth_tokens'), column(db, 'SELECT agent_id FROM agent_teams')]).toEqual([[], []]);
    },
  },
  {
    migration: createConversationsAndLog,
    before: insertAccounts,
    schema: {
      created: [
        'index conversations_by_assignee ON conversations(assignee_id, status)',
        'index conversations_queue ON conversations(tenant_id, assignee_id, team_id, created_at)',
        'index messages_by_conversation ON messages(conversation_id, created_at)',
        'table client_mutations(client_id TEXT PK NOT NULL, agent_id TEXT PK NOT NULL REFERENCES agents(id) ON DELETE CASCADE, last_mutation_id INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID',
        'table conversations(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), customer_id TEXT NOT NULL REFERENCES customers(id), channel TEXT NOT NULL, team_id TEXT NOT NULL REFERENCES teams(id), assignee_id TEXT REFERENCES agents(id), status TEXT NOT NULL, language TEXT NOT NULL, market TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_message_at INTEGER NOT NULL, last_message_preview TEXT NOT NULL)',
        'table customers(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), name TEXT NOT NULL, language TEXT NOT NULL, market TEXT, created_at INTEGER NOT NULL)',
        'table events(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), seq INTEGER PK NOT NULL, at INTEGER NOT NULL, conversation_id TEXT, team_id TEXT, assignee_id TEXT, previous_team_id TEXT, previous_assignee_id TEXT, data TEXT NOT NULL) WITHOUT ROWID',
        'table messages(id TEXT PK, tenant_id TEXT NOT NULL REFERENCES tenants(id), conversation_id TEXT NOT NULL REFERENCES conversations(id), author TEXT NOT NULL, author_id TEXT, author_name TEXT NOT NULL, body TEXT NOT NULL, client_message_id TEXT, created_at INTEGER NOT NULL)',
        'table provider_messages(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), channel TEXT PK NOT NULL, provider_message_id TEXT PK NOT NULL, message_id TEXT NOT NULL REFERENCES messages(id)) WITHOUT ROWID',
        'table webchat_visitors(token_hash TEXT PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), customer_id TEXT NOT NULL REFERENCES customers(id), conversation_id TEXT NOT NULL REFERENCES conversations(id), created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
    },
    after(db) {
      expect(rows(db, 'SELECT id, name FROM tenants')).toEqual([{ id: 't1', name: 'One' }]);
      expect(column(db, 'SELECT agent_id FROM agent_teams')).toEqual(['ann']);
      // One event per (tenant, seq).
      const event = db.prepare("INSERT INTO events (tenant_id, seq, at, data) VALUES ('t1', ?, 0, '{}')");
      event.run(1);
      event.run(2);
      expect(() => event.run(2)).toThrow(/UNIQUE|PRIMARY/);
      // A provider's message id is remembered once per tenant and channel.
      db.exec(`INSERT INTO customers VALUES ('cu', 't1', 'C', 'en', NULL, 0);
        INSERT INTO conversations VALUES ('c', 't1', 'cu', 'webchat', 'team', NULL, 'open', 'en', NULL, 0, 0, 0, '');
        INSERT INTO messages VALUES ('m1', 't1', 'c', 'customer', 'cu', 'C', 'hi', 'x1', 0), ('m2', 't1', 'c', 'customer', 'cu', 'C', 'hi', 'x1', 0);
        INSERT INTO provider_messages VALUES ('t1', 'webchat', 'p1', 'm1');`);
      expect(() => db.exec("INSERT INTO provider_messages VALUES ('t1', 'webchat', 'p1', 'm2')")).toThrow(/UNIQUE|PRIMARY/);
      db.exec("INSERT INTO provider_messages VALUES ('t1', 'email', 'p1', 'm2')");
      expect(() => db.exec("INSERT INTO conversations VALUES ('c2', 't1', 'cu', 'webchat', 'nope', NULL, 'open', 'en', NULL, 0, 0, 0, '')")).toThrow(/FOREIGN KEY/);
      expect(() => db.exec("UPDATE conversations SET status = 'closed'")).toThrow(/CHECK/);
      expect(() => db.exec("UPDATE messages SET author = 'bot'")).toThrow(/CHECK/);
    },
  },
  {
    migration: addNotesErasureAndLogFloor,
    before: insertConversation,
    schema: {
      created: [
        'index conversations_by_customer ON conversations(customer_id)',
        'index events_by_conversation ON events(conversation_id)',
        'index events_by_time ON events(tenant_id, at)',
        'table erased_conversations(id TEXT PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), erased_at INTEGER NOT NULL) WITHOUT ROWID',
        'table erasures(tenant_id TEXT NOT NULL REFERENCES tenants(id), customer_id TEXT NOT NULL, requested_by TEXT NOT NULL, at INTEGER NOT NULL, conversations INTEGER NOT NULL, messages INTEGER NOT NULL)',
        'table log_floors(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), floor_seq INTEGER NOT NULL) WITHOUT ROWID',
      ],
      altered: ['table messages + internal INTEGER NOT NULL DEFAULT 0'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, body, internal FROM messages')).toEqual([{ id: 'm1', body: 'hello', internal: 0 }]);
      expect(() => db.exec('UPDATE messages SET internal = 2')).toThrow(/CHECK/);
      db.exec("INSERT INTO erased_conversations VALUES ('c9', 't1', 5); INSERT INTO log_floors VALUES ('t1', 40)");
      expect(() => db.exec("INSERT INTO log_floors VALUES ('t1', 41)")).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.exec("INSERT INTO erased_conversations VALUES ('c8', 'nope', 5)")).toThrow(/FOREIGN KEY/);
      expect(usesIndex(db, 'conversations_by_customer', "SELECT id FROM conversations WHERE customer_id = 'cu'")).toBe(true);
    },
  },
  {
    migration: addMessageOriginals,
    before: insertConversation,
    schema: {
      altered: ["table conversations + labels TEXT NOT NULL DEFAULT '[]'", 'table messages + original_body TEXT + original_language TEXT'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, original_body, original_language FROM messages')).toEqual([{ id: 'm1', original_body: null, original_language: null }]);
      expect(rows(db, 'SELECT id, status, labels FROM conversations')).toEqual([{ id: 'c1', status: 'open', labels: '[]' }]);
    },
  },
  {
    migration: createArticles,
    before: insertAccounts,
    schema: {
      created: [
        'index articles_by_tenant ON articles(tenant_id)',
        'table article_versions(article_id TEXT PK NOT NULL, version INTEGER PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), data TEXT NOT NULL, edited_by TEXT NOT NULL) WITHOUT ROWID',
        'table articles(id TEXT PK NOT NULL, tenant_id TEXT NOT NULL REFERENCES tenants(id), version INTEGER NOT NULL, data TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
    },
    after(db) {
      db.exec(`INSERT INTO articles VALUES ('a1', 't1', 2, '{}', 5);
        INSERT INTO article_versions VALUES ('a1', 1, 't1', '{}', 'ann'), ('a1', 2, 't1', '{}', 'ann');`);
      expect(() => db.exec("INSERT INTO article_versions VALUES ('a1', 2, 't1', '{}', 'bob')")).toThrow(/UNIQUE|PRIMARY/);
      expect(() => db.exec("INSERT INTO articles VALUES ('a2', 'nope', 1, '{}', 5)")).toThrow(/FOREIGN KEY/);
      expect(column(db, "SELECT version FROM article_versions WHERE article_id = 'a1' ORDER BY version")).toEqual([1, 2]);
    },
  },
  {
    migration: addTeamSchedules,
    before: insertAccounts,
    schema: { altered: ['table teams + schedule TEXT + overflow_team_id TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, languages, schedule, overflow_team_id FROM teams')).toEqual([{ id: 'team', languages: '["en"]', schedule: null, overflow_team_id: null }]);
    },
  },
  {
    migration: addSla,
    before: insertConversation,
    schema: {
      created: [
        'index conversations_sla_check ON conversations(tenant_id, sla_check_at) WHERE sla_check_at IS NOT NULL',
        'index sla_breaches_by_time ON sla_breaches(tenant_id, breached_at)',
        'table sla_breaches(tenant_id TEXT NOT NULL REFERENCES tenants(id), conversation_id TEXT PK NOT NULL, target TEXT PK NOT NULL, due_at INTEGER PK NOT NULL, breached_at INTEGER NOT NULL, team_id TEXT NOT NULL, channel TEXT NOT NULL, market TEXT) WITHOUT ROWID',
        'table sla_policies(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), position INTEGER PK NOT NULL, data TEXT NOT NULL) WITHOUT ROWID',
      ],
      altered: ['table conversations + sla TEXT + sla_check_at INTEGER', 'table customers + vip INTEGER NOT NULL DEFAULT 0'],
    },
    after(db) {
      expect(rows(db, 'SELECT id, vip FROM customers')).toEqual([{ id: 'cu', vip: 0 }]);
      expect(rows(db, 'SELECT id, sla, sla_check_at FROM conversations')).toEqual([{ id: 'c1', sla: null, sla_check_at: null }]);
      expect(usesIndex(db, 'conversations_sla_check', "SELECT id FROM conversations WHERE tenant_id = 't1' AND sla_check_at IS NOT NULL AND sla_check_at <= 9")).toBe(true);
      const breach = db.prepare("INSERT INTO sla_breaches VALUES ('t1', 'c1', ?, 10, 11, 'team', 'webchat', 'TH')");
      breach.run('first_response');
      expect(() => breach.run('first_response')).toThrow(/UNIQUE|PRIMARY/);
      expect(() => breach.run('lunch')).toThrow(/CHECK/);
    },
  },
];
