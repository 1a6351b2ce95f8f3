import type Database from 'better-sqlite3';

/** One table of the relay's SQLite database, and the key its rows are copied in order of. */
export interface TableCopy {
  name: string;
  /**
   * Keyset columns, compared as a row value. `rowid` where the table has one: it is the order rows
   * were written in, which `messages.position` (PostgreSQL's stand-in for the rowid) must keep,
   * and `erasures` has no other key. WITHOUT ROWID tables go by their primary key.
   */
  key: readonly string[];
}

/** Every table, parents before children, so each batch satisfies PostgreSQL's foreign keys. */
export const COPY_PLAN: readonly TableCopy[] = [
  { name: 'tenants', key: ['rowid'] },
  { name: 'teams', key: ['rowid'] },
  { name: 'agents', key: ['rowid'] },
  { name: 'agent_teams', key: ['agent_id', 'team_id'] },
  { name: 'auth_tokens', key: ['token_hash'] },
  { name: 'customers', key: ['rowid'] },
  { name: 'conversations', key: ['rowid'] },
  { name: 'messages', key: ['rowid'] },
  { name: 'events', key: ['tenant_id', 'seq'] },
  { name: 'client_mutations', key: ['client_id', 'agent_id'] },
  { name: 'provider_messages', key: ['tenant_id', 'channel', 'provider_message_id'] },
  { name: 'webchat_visitors', key: ['token_hash'] },
  { name: 'erased_conversations', key: ['id'] },
  { name: 'erasures', key: ['rowid'] },
  { name: 'log_floors', key: ['tenant_id'] },
  { name: 'articles', key: ['id'] },
  { name: 'article_versions', key: ['article_id', 'version'] },
  { name: 'sla_policies', key: ['tenant_id', 'position'] },
  { name: 'sla_breaches', key: ['conversation_id', 'target', 'due_at'] },
  { name: 'ratings', key: ['conversation_id'] },
  { name: 'channel_accounts', key: ['rowid'] },
  { name: 'channel_contacts', key: ['account_id', 'external_id'] },
  { name: 'channel_sends', key: ['message_id'] },
  { name: 'channel_templates', key: ['account_id', 'name', 'language'] },
  { name: 'channel_media_fetches', key: ['message_id', 'position'] },
  { name: 'files', key: ['tenant_id', 'id'] },
  { name: 'conversation_files', key: ['tenant_id', 'conversation_id', 'file_id'] },
  { name: 'customer_identities', key: ['tenant_id', 'kind', 'value', 'customer_id'] },
  { name: 'customer_merge_suggestions', key: ['tenant_id', 'id'] },
  { name: 'customer_merges', key: ['rowid'] },
  { name: 'email_threads', key: ['conversation_id'] },
  { name: 'email_originals', key: ['message_id'] },
  { name: 'email_replies', key: ['message_id'] },
  { name: 'imap_folder_states', key: ['account_id', 'folder'] },
  { name: 'blocked_senders', key: ['tenant_id', 'value'] },
  { name: 'audit_log', key: ['tenant_id', 'seq'] },
  { name: 'privacy_requests', key: ['id'] },
  { name: 'privacy_reminders', key: ['id'] },
  { name: 'privacy_exports', key: ['id'] },
  { name: 'account_capabilities', key: ['agent_id', 'capability'] },
  { name: 'sign_in_failures', key: ['tenant_id', 'key'] },
  { name: 'sign_in_addresses', key: ['agent_id', 'address'] },
  { name: 'agent_two_factor', key: ['agent_id'] },
  { name: 'agent_recovery_codes', key: ['agent_id', 'code_hash'] },
  { name: 'retention_policies', key: ['tenant_id'] },
  { name: 'anonymised_conversations', key: ['id'] },
  { name: 'tenant_sso', key: ['tenant_id'] },
  { name: 'tenant_model_sets', key: ['tenant_id'] },
  { name: 'sso_pending', key: ['key_hash'] },
];

/**
 * The table's columns as SQLite has them (PostgreSQL's have the same names: schema-parity.test.ts).
 * A table the plan does not know fails the copy, rather than being left behind.
 */
export function sourceColumns(source: Database.Database, table: string): string[] {
  const derived = DERIVED_COLUMNS[table] ?? [];
  return (source.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name).filter((name) => !derived.includes(name));
}

/**
 * Columns PostgreSQL's own triggers fill as the rows arrive (migration 0023): an agent's load is
 * counted up as their conversations are copied, so copying it as well would count it twice; the
 * others are worked out from the row itself.
 */
const DERIVED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  agents: ['load_call', 'load_chat', 'load_email', 'capacity_call', 'capacity_chat', 'capacity_email'],
  conversations: ['queue_urgency'],
};

export function checkPlanCoversSource(source: Database.Database): void {
  const tables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(({ name }) => name);
  const missing = tables.filter((name) => !COPY_PLAN.some((table) => table.name === name));
  if (missing.length > 0) throw new Error(`The copy does not know the table(s) ${missing.join(', ')}: this relay's move to PostgreSQL is older than its SQLite schema.`);
}
