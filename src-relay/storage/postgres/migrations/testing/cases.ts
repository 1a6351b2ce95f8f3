import { expect } from 'vitest';
import { createRelaySchema } from '../0001-create-relay-schema.js';
import { addTenantHeads } from '../0002-add-tenant-heads.js';
import { addChannels } from '../0003-add-channels.js';
import { addFiles } from '../0004-add-files.js';
import { column, insertConversation, refusal, rows, type PostgresCase } from './postgres-rows.js';

const newAgent = "INSERT INTO agents (id, tenant_id, email, name, role, language, password_hash, created_at) VALUES ($1, $2, 'a@x.test', 'A', $3, 'en', 'h', 0)";

/** The relay's PostgreSQL schema: today's tables in one step, then the per-tenant head row the seq takes, then attachments. */
export const POSTGRES_CASES: PostgresCase[] = [
  {
    migration: createRelaySchema,
    schema: {
      created: [
        'index agents_by_email ON agents(email)',
        'index agents_state_until ON agents(state_until) WHERE (state_until IS NOT NULL)',
        'index articles_by_tenant ON articles(tenant_id)',
        'index auth_tokens_by_expiry ON auth_tokens(expires_at)',
        'index conversations_by_assignee ON conversations(assignee_id, status)',
        'index conversations_by_customer ON conversations(customer_id)',
        'index conversations_offer_expiry ON conversations(offer_expires_at) WHERE (offer_expires_at IS NOT NULL)',
        'index conversations_queue ON conversations(tenant_id, assignee_id, team_id, created_at)',
        'index conversations_sla_check ON conversations(tenant_id, sla_check_at) WHERE (sla_check_at IS NOT NULL)',
        'index events_by_conversation ON events(conversation_id)',
        'index events_by_time ON events(tenant_id, at)',
        'index messages_by_conversation ON messages(conversation_id, created_at, "position")',
        'index ratings_by_time ON ratings(tenant_id, rated_at)',
        'index sla_breaches_by_time ON sla_breaches(tenant_id, breached_at)',
        'index teams_by_tenant ON teams(tenant_id, "position")',
        'table agent_teams(agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE, team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE, PRIMARY KEY (agent_id, team_id))',
        "table agents(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), email text NOT NULL, name text NOT NULL, role text NOT NULL CHECK ((role = ANY (ARRAY['agent'::text, 'supervisor'::text, 'admin'::text]))), language text NOT NULL, password_hash text NOT NULL, presence text NOT NULL DEFAULT 'away'::text CHECK ((presence = ANY (ARRAY['available'::text, 'away'::text]))), last_assigned_at bigint NOT NULL DEFAULT 0, created_at bigint NOT NULL, routing text, state text, state_reason text, state_until bigint, UNIQUE (tenant_id, email))",
        'table article_versions(article_id text NOT NULL, version integer NOT NULL, tenant_id text NOT NULL REFERENCES tenants(id), data text NOT NULL, edited_by text NOT NULL, PRIMARY KEY (article_id, version))',
        'table articles(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), version integer NOT NULL, data text NOT NULL, updated_at bigint NOT NULL)',
        'table auth_tokens(token_hash text PK, agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE, created_at bigint NOT NULL, expires_at bigint NOT NULL)',
        'table client_mutations(client_id text NOT NULL, agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE, last_mutation_id bigint NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (client_id, agent_id))',
        "table conversations(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), customer_id text NOT NULL REFERENCES customers(id), channel text NOT NULL, team_id text NOT NULL REFERENCES teams(id), assignee_id text REFERENCES agents(id), status text NOT NULL CHECK ((status = ANY (ARRAY['open'::text, 'pending'::text, 'resolved'::text]))), language text NOT NULL, market text, created_at bigint NOT NULL, updated_at bigint NOT NULL, last_message_at bigint NOT NULL, last_message_preview text NOT NULL, labels text NOT NULL DEFAULT '[]'::text, sla jsonb, sla_check_at bigint, intent text, upset smallint NOT NULL DEFAULT 0, offer_agent_id text, offer_expires_at bigint, passed_over text NOT NULL DEFAULT '[]'::text)",
        'table customers(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), name text NOT NULL, language text NOT NULL, market text, created_at bigint NOT NULL, vip smallint NOT NULL DEFAULT 0)',
        'table erased_conversations(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), erased_at bigint NOT NULL)',
        'table erasures(tenant_id text NOT NULL REFERENCES tenants(id), customer_id text NOT NULL, requested_by text NOT NULL, at bigint NOT NULL, conversations integer NOT NULL, messages integer NOT NULL)',
        'table events(tenant_id text NOT NULL REFERENCES tenants(id), seq bigint NOT NULL, at bigint NOT NULL, conversation_id text, team_id text, assignee_id text, previous_team_id text, previous_assignee_id text, data text NOT NULL, PRIMARY KEY (tenant_id, seq))',
        'table log_floors(tenant_id text PK REFERENCES tenants(id), floor_seq bigint NOT NULL)',
        "table messages(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), conversation_id text NOT NULL REFERENCES conversations(id), author text NOT NULL CHECK ((author = ANY (ARRAY['customer'::text, 'agent'::text, 'system'::text]))), author_id text, author_name text NOT NULL, body text NOT NULL, client_message_id text, created_at bigint NOT NULL, internal smallint NOT NULL DEFAULT 0 CHECK ((internal = ANY (ARRAY[0, 1]))), original_body text, original_language text, call text, position bigint NOT NULL GENERATED ALWAYS AS IDENTITY)",
        'table provider_messages(tenant_id text NOT NULL REFERENCES tenants(id), channel text NOT NULL, provider_message_id text NOT NULL, message_id text NOT NULL REFERENCES messages(id) UNIQUE, PRIMARY KEY (tenant_id, channel, provider_message_id))',
        'table ratings(conversation_id text PK, tenant_id text NOT NULL REFERENCES tenants(id), score integer NOT NULL CHECK (((score >= 1) AND (score <= 5))), comment text, rated_at bigint NOT NULL, team_id text NOT NULL, assignee_id text, channel text NOT NULL, market text)',
        "table sla_breaches(tenant_id text NOT NULL REFERENCES tenants(id), conversation_id text NOT NULL, target text NOT NULL CHECK ((target = ANY (ARRAY['first_response'::text, 'next_response'::text, 'resolution'::text]))), due_at bigint NOT NULL, breached_at bigint NOT NULL, team_id text NOT NULL, channel text NOT NULL, market text, PRIMARY KEY (conversation_id, target, due_at))",
        'table sla_policies(tenant_id text NOT NULL REFERENCES tenants(id), position integer NOT NULL, data text NOT NULL, PRIMARY KEY (tenant_id, "position"))',
        'table teams(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), name text NOT NULL, languages text NOT NULL, position integer NOT NULL, schedule text, overflow_team_id text)',
        'table tenants(id text PK, name text NOT NULL, created_at bigint NOT NULL, offer_timeout_ms integer)',
        'table webchat_visitors(token_hash text PK, tenant_id text NOT NULL REFERENCES tenants(id), customer_id text NOT NULL REFERENCES customers(id), conversation_id text NOT NULL REFERENCES conversations(id), created_at bigint NOT NULL, last_seen_at bigint NOT NULL)',
      ],
    },
    async after(db) {
      await insertConversation(db);
      await db.pool.query("INSERT INTO tenants (id, name, created_at) VALUES ('t2', 'Two', 0)");
      // An email is unique within a tenant, not across tenants; roles and presences are checked.
      await db.pool.query(newAgent, ['a1', 't1', 'agent']);
      await db.pool.query(newAgent, ['a2', 't2', 'agent']);
      expect(await refusal(db, newAgent, 'a3', 't1', 'agent')).toMatch(/agents_tenant_id_email_key/);
      expect(await refusal(db, newAgent, 'a4', 't2', 'owner')).toMatch(/agents_role_check/);
      expect(await refusal(db, "UPDATE agents SET presence = 'offline' WHERE id = 'a1'")).toMatch(/agents_presence_check/);
      expect(await rows(db, "SELECT presence, last_assigned_at FROM agents WHERE id = 'a1'")).toEqual([{ presence: 'away', last_assigned_at: 0 }]);
      // An agent's tokens and team places go with the agent.
      await db.pool.query("INSERT INTO agent_teams VALUES ('a1', 'team'); INSERT INTO auth_tokens VALUES ('hash', 'a1', 0, 10); DELETE FROM agents WHERE id = 'a1'");
      expect([await column(db, "SELECT token_hash FROM auth_tokens"), await column(db, 'SELECT agent_id FROM agent_teams')]).toEqual([[], ['ann']]);
      // Millisecond times and seqs come back as numbers, past 2^32 too; the defaults are the SQLite side's.
      const at = 1_767_225_600_000;
      await db.pool.query("INSERT INTO events (tenant_id, seq, at, data) VALUES ('t1', 1, $1, '{}')", [at]);
      expect(await refusal(db, "INSERT INTO events (tenant_id, seq, at, data) VALUES ('t1', 1, 0, '{}')")).toMatch(/events_pkey/);
      expect(await rows(db, 'SELECT seq, at FROM events')).toEqual([{ seq: 1, at }]);
      expect(await rows(db, "SELECT labels, passed_over, upset, sla FROM conversations WHERE id = 'c1'")).toEqual([{ labels: '[]', passed_over: '[]', upset: 0, sla: null }]);
      // A provider's message id is remembered once per tenant and channel, and names one message.
      await db.pool.query(`INSERT INTO messages (id, tenant_id, conversation_id, author, author_id, author_name, body, client_message_id, created_at)
        VALUES ('m2', 't1', 'c1', 'agent', 'ann', 'Ann', 'hi', NULL, 3), ('m3', 't1', 'c1', 'system', NULL, '', 'x', NULL, 3);
        INSERT INTO provider_messages VALUES ('t1', 'webchat', 'p1', 'm1');`);
      expect(await refusal(db, "INSERT INTO provider_messages VALUES ('t1', 'webchat', 'p1', 'm2')")).toMatch(/provider_messages_pkey/);
      expect(await refusal(db, "INSERT INTO provider_messages VALUES ('t1', 'email', 'p2', 'm1')")).toMatch(/provider_messages_message_id_key/);
      // Within one millisecond, messages keep the order they were written in.
      expect(await column(db, "SELECT id FROM messages WHERE conversation_id = 'c1' ORDER BY created_at, position")).toEqual(['m1', 'm2', 'm3']);
      expect(await refusal(db, "UPDATE messages SET internal = 2 WHERE id = 'm1'")).toMatch(/messages_internal_check/);
      expect(await refusal(db, "UPDATE messages SET author = 'bot'")).toMatch(/messages_author_check/);
      expect(await refusal(db, "UPDATE conversations SET team_id = 'nope'")).toMatch(/conversations_team_id_fkey/);
      expect(await refusal(db, "UPDATE conversations SET status = 'closed'")).toMatch(/conversations_status_check/);
      // The SLA clock is jsonb: the breach check reads its breached targets in SQL.
      await db.pool.query(`UPDATE conversations SET sla = $1, sla_check_at = 10 WHERE id = 'c1'`, [JSON.stringify({ breached: ['first_response'] })]);
      expect(await column(db, "SELECT id FROM conversations WHERE jsonb_array_length(sla -> 'breached') > 0")).toEqual(['c1']);
      expect(await refusal(db, "INSERT INTO ratings (conversation_id, tenant_id, score, rated_at, team_id, channel) VALUES ('c1', 't1', 6, 0, 'team', 'webchat')")).toMatch(/ratings_score_check/);
      expect(await refusal(db, "INSERT INTO sla_breaches VALUES ('t1', 'c1', 'reply', 0, 0, 'team', 'webchat', NULL)")).toMatch(/sla_breaches_target_check/);
    },
  },
  {
    migration: addTenantHeads,
    async before(db) {
      await insertConversation(db);
      // t1: a log up to 3; t2: pruned through 7 with 8 and 9 left; t3: nothing logged yet.
      await db.pool.query(`INSERT INTO tenants (id, name, created_at) VALUES ('t2', 'Two', 0), ('t3', 'Three', 0);
        INSERT INTO events (tenant_id, seq, at, data) VALUES ('t1', 1, 0, '{}'), ('t1', 2, 0, '{}'), ('t1', 3, 0, '{}'), ('t2', 8, 0, '{}'), ('t2', 9, 0, '{}');
        INSERT INTO log_floors VALUES ('t2', 7);`);
    },
    schema: { created: ['table tenant_heads(tenant_id text PK REFERENCES tenants(id), head bigint NOT NULL CHECK ((head >= 0)))'] },
    async after(db) {
      // Every tenant starts at its log's head, so the next seq follows on.
      expect(await rows(db, 'SELECT tenant_id, head FROM tenant_heads ORDER BY tenant_id')).toEqual([
        { tenant_id: 't1', head: 3 },
        { tenant_id: 't2', head: 9 },
        { tenant_id: 't3', head: 0 },
      ]);
      expect(await refusal(db, "INSERT INTO tenant_heads VALUES ('nobody', 0)")).toMatch(/tenant_heads_tenant_id_fkey/);
      expect(await refusal(db, "UPDATE tenant_heads SET head = -1 WHERE tenant_id = 't3'")).toMatch(/tenant_heads_head_check/);
    },
  },
  {
    migration: addChannels,
    before: insertConversation,
    schema: {
      created: [
        'index channel_accounts_by_tenant ON channel_accounts(tenant_id)',
        'index channel_contacts_by_conversation ON channel_contacts(conversation_id)',
        "index channel_sends_due ON channel_sends(tenant_id, next_attempt_at) WHERE (state = ANY (ARRAY['queued'::text, 'sending'::text]))",
        "index channel_sends_unsent_by_recipient ON channel_sends(account_id, recipient) WHERE (state = ANY (ARRAY['queued'::text, 'sending'::text]))",
        'table channel_accounts(id text PK, tenant_id text NOT NULL REFERENCES tenants(id), provider text NOT NULL, display_name text NOT NULL, team_id text NOT NULL REFERENCES teams(id), webhook_token text NOT NULL UNIQUE, credentials text NOT NULL, created_at bigint NOT NULL)',
        'table channel_contacts(account_id text NOT NULL REFERENCES channel_accounts(id), external_id text NOT NULL, tenant_id text NOT NULL REFERENCES tenants(id), customer_id text NOT NULL REFERENCES customers(id), conversation_id text NOT NULL REFERENCES conversations(id), last_inbound_at bigint, PRIMARY KEY (account_id, external_id))',
        "table channel_sends(message_id text PK REFERENCES messages(id), tenant_id text NOT NULL REFERENCES tenants(id), account_id text NOT NULL REFERENCES channel_accounts(id), recipient text NOT NULL, state text NOT NULL CHECK ((state = ANY (ARRAY['queued'::text, 'sending'::text, 'sent'::text, 'failed'::text]))), attempts integer NOT NULL DEFAULT 0, next_attempt_at bigint NOT NULL, provider_message_id text, last_error text, created_at bigint NOT NULL, updated_at bigint NOT NULL)",
      ],
      altered: ['table messages + channel_delivery text'],
    },
    async after(db) {
      expect(await rows(db, 'SELECT id, channel_delivery FROM messages')).toEqual([{ id: 'm1', channel_delivery: null }]);
      const account = "INSERT INTO channel_accounts VALUES ($1, 't1', 'whatsapp', 'Sales', 'team', $2, 'sealed', 5)";
      await db.pool.query(account, ['wa', 'token-1']);
      expect(await refusal(db, account, 'wa-2', 'token-1')).toMatch(/channel_accounts_webhook_token_key/);
      expect(await refusal(db, "INSERT INTO channel_accounts VALUES ('x', 't1', 'telegram', 'X', 'nope', 'token-x', 's', 0)")).toMatch(/channel_accounts_team_id_fkey/);
      await db.pool.query("INSERT INTO channel_contacts VALUES ('wa', '4917', 't1', 'cu', 'c1', 3)");
      expect(await refusal(db, "INSERT INTO channel_contacts VALUES ('wa', '4917', 't1', 'cu', 'c1', 4)")).toMatch(/channel_contacts_pkey/);
      const send = "INSERT INTO channel_sends (message_id, tenant_id, account_id, recipient, state, next_attempt_at, created_at, updated_at) VALUES ('m1', 't1', 'wa', '4917', $1, 1767225600000, 5, 5)";
      await db.pool.query(send, ['queued']);
      expect(await refusal(db, send, 'queued')).toMatch(/channel_sends_pkey/);
      expect(await refusal(db, "UPDATE channel_sends SET state = 'lost'")).toMatch(/channel_sends_state_check/);
      // Millisecond times come back as numbers.
      expect(await rows(db, 'SELECT message_id, attempts, next_attempt_at, provider_message_id FROM channel_sends')).toEqual([
        { message_id: 'm1', attempts: 0, next_attempt_at: 1_767_225_600_000, provider_message_id: null },
      ]);
    },
  },
  {
    migration: addFiles,
    before: insertConversation,
    schema: {
      created: [
        'index conversation_files_by_file ON conversation_files(tenant_id, file_id)',
        'index files_by_id ON files(id)',
        'table conversation_files(tenant_id text NOT NULL, conversation_id text NOT NULL, file_id text NOT NULL, PRIMARY KEY (tenant_id, conversation_id, file_id))',
        'table files(tenant_id text NOT NULL REFERENCES tenants(id), id text NOT NULL, media_type text NOT NULL, size bigint NOT NULL CHECK ((size > 0)), name text NOT NULL, created_at bigint NOT NULL, PRIMARY KEY (tenant_id, id))',
      ],
    },
    async after(db) {
      const sha = (digit: string) => digit.repeat(64);
      await db.pool.query("INSERT INTO tenants (id, name, created_at) VALUES ('t2', 'Two', 0)");
      const record = "INSERT INTO files VALUES ($1, $2, 'image/png', $3, 'a.png', 5)";
      // The same bytes may be held by two tenants, each with its own record; once per tenant. Sizes past 2^32 come back as numbers.
      await db.pool.query(record, ['t1', sha('a'), 10]);
      await db.pool.query(record, ['t2', sha('a'), 2 ** 33]);
      expect(await refusal(db, record, 't1', sha('a'), 10)).toMatch(/files_pkey/);
      expect(await refusal(db, record, 't1', sha('b'), 0)).toMatch(/files_size_check/);
      expect(await refusal(db, record, 'nobody', sha('c'), 1)).toMatch(/files_tenant_id_fkey/);
      expect(await rows(db, 'SELECT tenant_id, size FROM files ORDER BY tenant_id')).toEqual([{ tenant_id: 't1', size: 10 }, { tenant_id: 't2', size: 2 ** 33 }]);
      // A link needs no conversation row: erasures keep only ids.
      const link = 'INSERT INTO conversation_files VALUES ($1, $2, $3)';
      await db.pool.query(link, ['t1', 'c1', sha('a')]);
      await db.pool.query(link, ['t2', 'gone', sha('a')]);
      expect(await refusal(db, link, 't1', 'c1', sha('a'))).toMatch(/conversation_files_pkey/);
      expect(await column(db, 'SELECT conversation_id FROM conversation_files ORDER BY tenant_id')).toEqual(['c1', 'gone']);
    },
  },
];
