import type pg from 'pg';

/**
 * A tenant's seqs on PostgreSQL, where several relay nodes commit for one tenant at once. Each
 * tenant's head seq is a row of `tenant_heads`; a commit locks that row, numbers its events from
 * the head it read, and writes them with the new head before its COMMIT (pending-events.ts). The
 * row stays locked until the transaction ends; another transaction of the same tenant waits on it,
 * then reads the new head (READ COMMITTED re-reads the row it waited for). Why that is gap-free
 * and in commit order: docs/relay-storage.md.
 *
 * The lock is taken on the commit's client, between its BEGIN and its COMMIT or ROLLBACK, in
 * READ COMMITTED (PostgreSQL's default): at REPEATABLE READ the waiting transaction would fail
 * with a serialization error instead, and would have to be retried whole.
 */

/**
 * Takes the tenant's head row lock and returns the head: the last seq committed. A commit that names
 * its tenant calls this first, so its rule reads before it writes (is the conversation still
 * unassigned?) with no other node committing for the tenant until this transaction ends: it sees
 * what it would see on SQLite, where one write transaction runs at a time.
 */
export async function lockTenantLog(client: pg.ClientBase, tenantId: string): Promise<number> {
  // The same lock as the UPDATE's, without writing a row version.
  const { rows } = await client.query<{ head: number }>(`${LOCK_HEAD_ROW} $1 FOR NO KEY UPDATE`, [tenantId]);
  return rows[0] ? Number(rows[0].head) : createHeadRow(client, tenantId);
}

/**
 * BEGIN, then `lockTenantLog`, in one round trip: every statement of a commit is time the
 * tenant's next commit waits. (A statement with parameters cannot share a round trip, so the
 * tenant id goes in as an escaped literal.)
 */
export async function beginHoldingTenant(client: pg.ClientBase, begin: string, tenantId: string): Promise<number> {
  const results = (await client.query(`${begin}; ${LOCK_HEAD_ROW} ${client.escapeLiteral(tenantId)} FOR NO KEY UPDATE`)) as unknown as pg.QueryResult<{ head: number }>[];
  const row = results[1]?.rows[0];
  return row ? Number(row.head) : createHeadRow(client, tenantId);
}

const LOCK_HEAD_ROW = 'SELECT head FROM tenant_heads WHERE tenant_id =';

/**
 * A tenant's first commit creates its head row, locked like any other; a tenant that does not
 * exist has nothing to hold, and its commit fails or refuses on its own, as on SQLite.
 */
async function createHeadRow(client: pg.ClientBase, tenantId: string): Promise<number> {
  const created = await client.query<{ head: number }>(
    `INSERT INTO tenant_heads (tenant_id, head) SELECT id, 0 FROM tenants WHERE id = $1
     ON CONFLICT (tenant_id) DO UPDATE SET head = tenant_heads.head
     RETURNING head`,
    [tenantId],
  );
  // Number(): a session without the relay's type parsers (a test's) reads bigint as a string.
  return Number(created.rows[0]?.head ?? 0);
}

/** The head seq as last committed, 0 before the tenant's first event: what a cursor is compared with. */
export async function committedHead(db: pg.Pool | pg.ClientBase, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ head: number }>('SELECT head FROM tenant_heads WHERE tenant_id = $1', [tenantId]);
  return rows[0]?.head ?? 0;
}
