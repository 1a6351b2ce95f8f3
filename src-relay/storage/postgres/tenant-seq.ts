import type pg from 'pg';

/**
 * A tenant's seqs on PostgreSQL, where several relay nodes commit for one tenant at once. Each
 * tenant's head seq is a row of `tenant_heads`; a commit takes its seqs by adding to that row
 * inside its own transaction, which keeps the row locked until the transaction ends. Another
 * transaction of the same tenant waits there, then sees the new head (READ COMMITTED re-reads
 * the row it waited for). Why that is gap-free and in commit order: docs/relay-storage.md.
 *
 * Both functions run on the commit's client, between its BEGIN and its COMMIT or ROLLBACK, in
 * READ COMMITTED (PostgreSQL's default): at REPEATABLE READ the waiting transaction would fail
 * with a serialization error instead, and would have to be retried whole.
 */

/**
 * Takes `count` consecutive seqs for the tenant and returns the first; the commit's events get
 * first, first + 1, ... first + count - 1. The row is created on the tenant's first commit.
 */
export async function takeSeqs(client: pg.ClientBase, tenantId: string, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`A commit takes a whole number of seqs, at least 1 (asked for ${count})`);
  return (await addToHead(client, tenantId, count)) - count + 1;
}

/**
 * Takes the tenant's head row lock without taking a seq, and returns the head. A commit whose rule
 * reads before it writes (is the conversation still unassigned?) calls this first: from then on
 * no other node commits for the tenant until this transaction ends, so the rule sees what it
 * would see on SQLite, where one write transaction runs at a time.
 */
export async function lockTenantLog(client: pg.ClientBase, tenantId: string): Promise<number> {
  // The same lock as the UPDATE's, without writing a row version; a tenant's first commit creates the row.
  const { rows } = await client.query<{ head: number }>('SELECT head FROM tenant_heads WHERE tenant_id = $1 FOR NO KEY UPDATE', [tenantId]);
  if (rows[0]) return rows[0].head;
  // A tenant's first commit creates the row, locked like any other; a tenant that does not
  // exist has nothing to hold, and its commit fails or refuses on its own, as on SQLite.
  const created = await client.query<{ head: number }>(
    `INSERT INTO tenant_heads (tenant_id, head) SELECT id, 0 FROM tenants WHERE id = $1
     ON CONFLICT (tenant_id) DO UPDATE SET head = tenant_heads.head
     RETURNING head`,
    [tenantId],
  );
  return created.rows[0]?.head ?? 0;
}

/** The head seq as last committed, 0 before the tenant's first event: what a cursor is compared with. */
export async function committedHead(db: pg.Pool | pg.ClientBase, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ head: number }>('SELECT head FROM tenant_heads WHERE tenant_id = $1', [tenantId]);
  return rows[0]?.head ?? 0;
}

async function addToHead(client: pg.ClientBase, tenantId: string, count: number): Promise<number> {
  // The upsert waits for a transaction that holds the row (or is inserting it), then adds to the
  // head that transaction committed; had it rolled back, to the head from before it.
  const { rows } = await client.query<{ head: number }>(
    `INSERT INTO tenant_heads (tenant_id, head) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET head = tenant_heads.head + excluded.head
     RETURNING head`,
    [tenantId, count],
  );
  const head = rows[0]?.head;
  if (head === undefined) throw new Error(`No head row for tenant ${tenantId}`);
  return head;
}
