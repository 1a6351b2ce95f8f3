import type { Migration } from '../../../../src-node/sqlite/migration.js';

/** Customers, conversations and messages, the tenant event log, and what keeps writes exactly-once. */
export const createConversationsAndLog: Migration = {
  version: 2,
  name: '0002-create-conversations-and-log',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        name TEXT NOT NULL,
        language TEXT NOT NULL,
        market TEXT,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        customer_id TEXT NOT NULL REFERENCES customers(id),
        channel TEXT NOT NULL,
        team_id TEXT NOT NULL REFERENCES teams(id),
        assignee_id TEXT REFERENCES agents(id),
        status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'resolved')),
        language TEXT NOT NULL,
        market TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_message_at INTEGER NOT NULL,
        last_message_preview TEXT NOT NULL
      );
      CREATE INDEX conversations_queue ON conversations(tenant_id, assignee_id, team_id, created_at);
      CREATE INDEX conversations_by_assignee ON conversations(assignee_id, status);

      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        author TEXT NOT NULL CHECK (author IN ('customer', 'agent', 'system')),
        author_id TEXT,
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        -- the id the customer's page chose, shown back to it so it can match its pending bubble
        client_message_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at);

      -- The tenant log. seq is max+1 taken in the transaction of the change it records, so
      -- seqs are contiguous and commits are seen in order. The routing columns describe the
      -- conversation after (and, for conversation changes, before) the event: visibility.
      CREATE TABLE events (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        conversation_id TEXT,
        team_id TEXT,
        assignee_id TEXT,
        previous_team_id TEXT,
        previous_assignee_id TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      ) WITHOUT ROWID;

      -- Keyed by agent too, so one agent cannot spend another's mutation ids.
      CREATE TABLE client_mutations (
        client_id TEXT NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        last_mutation_id INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (client_id, agent_id)
      ) WITHOUT ROWID;

      -- De-duplicates what channels deliver more than once (webhook retries, widget resends).
      CREATE TABLE provider_messages (
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        channel TEXT NOT NULL,
        provider_message_id TEXT NOT NULL,
        message_id TEXT NOT NULL UNIQUE REFERENCES messages(id),
        PRIMARY KEY (tenant_id, channel, provider_message_id)
      ) WITHOUT ROWID;

      CREATE TABLE webchat_visitors (
        token_hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id),
        customer_id TEXT NOT NULL REFERENCES customers(id),
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
