import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/**
 * The relay's schema as SQLite's migrations 0001-0013 left it, in PostgreSQL types: the same
 * tables, columns (same names, so the row codecs in src-node/sqlite/*-row.ts read both), keys,
 * checks and indexes. Seqs and millisecond times are bigint. JSON stays text where the stores
 * only store and parse it, and is jsonb where they query into it (a conversation's SLA clock).
 * Flags stay 0/1 smallints, as the codecs read them. `messages.position` stands for SQLite's
 * rowid: the order of insertion within one millisecond.
 */
export const createRelaySchema: PostgresMigration = {
  version: 1,
  name: '0001-create-relay-schema',
  async up(client) {
    await client.query(`
      CREATE TABLE tenants (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at bigint NOT NULL,
        offer_timeout_ms integer
      );

      CREATE TABLE teams (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        -- JSON array of BCP 47 tags; the first is the team's working language
        languages text NOT NULL,
        -- routing falls back to the first team, so the order is kept
        position integer NOT NULL,
        schedule text,
        overflow_team_id text
      );
      CREATE INDEX teams_by_tenant ON teams (tenant_id, position);

      CREATE TABLE agents (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
        language text NOT NULL,
        password_hash text NOT NULL,
        -- available or not; state is the chosen state itself
        presence text NOT NULL DEFAULT 'away' CHECK (presence IN ('available', 'away')),
        last_assigned_at bigint NOT NULL DEFAULT 0,
        created_at bigint NOT NULL,
        routing text,
        state text,
        state_reason text,
        state_until bigint,
        UNIQUE (tenant_id, email)
      );
      CREATE INDEX agents_by_email ON agents (email);
      CREATE INDEX agents_state_until ON agents (state_until) WHERE state_until IS NOT NULL;

      CREATE TABLE agent_teams (
        agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        PRIMARY KEY (agent_id, team_id)
      );

      CREATE TABLE auth_tokens (
        -- sha256 of the token: a copy of the database does not sign anyone in
        token_hash text PRIMARY KEY,
        agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX auth_tokens_by_expiry ON auth_tokens (expires_at);

      CREATE TABLE customers (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        name text NOT NULL,
        language text NOT NULL,
        market text,
        created_at bigint NOT NULL,
        vip smallint NOT NULL DEFAULT 0
      );

      CREATE TABLE conversations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        customer_id text NOT NULL REFERENCES customers(id),
        channel text NOT NULL,
        team_id text NOT NULL REFERENCES teams(id),
        assignee_id text REFERENCES agents(id),
        status text NOT NULL CHECK (status IN ('open', 'pending', 'resolved')),
        language text NOT NULL,
        market text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        last_message_at bigint NOT NULL,
        last_message_preview text NOT NULL,
        labels text NOT NULL DEFAULT '[]',
        -- queried into (breached targets), so jsonb
        sla jsonb,
        sla_check_at bigint,
        intent text,
        upset smallint NOT NULL DEFAULT 0,
        offer_agent_id text,
        offer_expires_at bigint,
        passed_over text NOT NULL DEFAULT '[]'
      );
      CREATE INDEX conversations_queue ON conversations (tenant_id, assignee_id, team_id, created_at);
      CREATE INDEX conversations_by_assignee ON conversations (assignee_id, status);
      CREATE INDEX conversations_by_customer ON conversations (customer_id);
      CREATE INDEX conversations_sla_check ON conversations (tenant_id, sla_check_at) WHERE sla_check_at IS NOT NULL;
      CREATE INDEX conversations_offer_expiry ON conversations (offer_expires_at) WHERE offer_expires_at IS NOT NULL;

      CREATE TABLE messages (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        conversation_id text NOT NULL REFERENCES conversations(id),
        author text NOT NULL CHECK (author IN ('customer', 'agent', 'system')),
        author_id text,
        author_name text NOT NULL,
        body text NOT NULL,
        -- the id the customer's page chose, shown back to it so it can match its pending bubble
        client_message_id text,
        created_at bigint NOT NULL,
        internal smallint NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
        original_body text,
        original_language text,
        call text,
        position bigint GENERATED ALWAYS AS IDENTITY
      );
      -- SQLite's indexes end in the rowid; this one ends in its stand-in, for the newest-first page.
      CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at, position);

      -- The tenant log: seq is gap-free and in commit order (docs/relay-storage.md).
      CREATE TABLE events (
        tenant_id text NOT NULL REFERENCES tenants(id),
        seq bigint NOT NULL,
        at bigint NOT NULL,
        conversation_id text,
        team_id text,
        assignee_id text,
        previous_team_id text,
        previous_assignee_id text,
        data text NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      );
      CREATE INDEX events_by_conversation ON events (conversation_id);
      CREATE INDEX events_by_time ON events (tenant_id, at);

      -- Keyed by agent too, so one agent cannot spend another's mutation ids.
      CREATE TABLE client_mutations (
        client_id text NOT NULL,
        agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        last_mutation_id bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (client_id, agent_id)
      );

      -- De-duplicates what channels deliver more than once (webhook retries, widget resends).
      CREATE TABLE provider_messages (
        tenant_id text NOT NULL REFERENCES tenants(id),
        channel text NOT NULL,
        provider_message_id text NOT NULL,
        message_id text NOT NULL UNIQUE REFERENCES messages(id),
        PRIMARY KEY (tenant_id, channel, provider_message_id)
      );

      CREATE TABLE webchat_visitors (
        token_hash text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        customer_id text NOT NULL REFERENCES customers(id),
        conversation_id text NOT NULL REFERENCES conversations(id),
        created_at bigint NOT NULL,
        last_seen_at bigint NOT NULL
      );

      CREATE TABLE erased_conversations (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        erased_at bigint NOT NULL
      );

      -- Who asked for which customer's erasure, and how much went; the customer by id only.
      CREATE TABLE erasures (
        tenant_id text NOT NULL REFERENCES tenants(id),
        customer_id text NOT NULL,
        requested_by text NOT NULL,
        at bigint NOT NULL,
        conversations integer NOT NULL,
        messages integer NOT NULL
      );

      CREATE TABLE log_floors (
        tenant_id text PRIMARY KEY REFERENCES tenants(id),
        -- events with seq <= floor_seq were pruned
        floor_seq bigint NOT NULL
      );

      CREATE TABLE articles (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        version integer NOT NULL,
        data text NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE INDEX articles_by_tenant ON articles (tenant_id);

      CREATE TABLE article_versions (
        article_id text NOT NULL,
        version integer NOT NULL,
        tenant_id text NOT NULL REFERENCES tenants(id),
        data text NOT NULL,
        edited_by text NOT NULL,
        PRIMARY KEY (article_id, version)
      );

      CREATE TABLE sla_policies (
        tenant_id text NOT NULL REFERENCES tenants(id),
        position integer NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (tenant_id, position)
      );

      CREATE TABLE sla_breaches (
        tenant_id text NOT NULL REFERENCES tenants(id),
        conversation_id text NOT NULL,
        target text NOT NULL CHECK (target IN ('first_response', 'next_response', 'resolution')),
        due_at bigint NOT NULL,
        breached_at bigint NOT NULL,
        team_id text NOT NULL,
        channel text NOT NULL,
        market text,
        PRIMARY KEY (conversation_id, target, due_at)
      );
      CREATE INDEX sla_breaches_by_time ON sla_breaches (tenant_id, breached_at);

      CREATE TABLE ratings (
        conversation_id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text,
        rated_at bigint NOT NULL,
        team_id text NOT NULL,
        assignee_id text,
        channel text NOT NULL,
        market text
      );
      CREATE INDEX ratings_by_time ON ratings (tenant_id, rated_at);
    `);
  },
};
