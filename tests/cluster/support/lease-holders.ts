import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { leaseKey } from '../../../src-relay/storage/postgres/leases.js';

/**
 * Which processes hold a lease, as PostgreSQL sees it: the advisory lock of (purpose, tenant) in
 * pg_locks, the holder's client port in pg_stat_activity, and the local process owning that
 * port (ss). The relay's schema is `public`, the scope of its leases.
 */
export async function leaseHolderPids(databaseUrl: string, purpose: string, tenantId: string): Promise<number[]> {
  const key = BigInt.asUintN(64, BigInt(leaseKey('public', purpose, tenantId)));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ port: number }>(
      `SELECT a.client_port AS port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::bigint = $1 AND l.objid::bigint = $2`,
      [String(key >> 32n), String(key & 0xffffffffn)],
    );
    return rows.map((row) => processOwningPort(row.port)).filter((pid): pid is number => pid !== null);
  } finally {
    await client.end();
  }
}

function processOwningPort(port: number): number | null {
  const out = execFileSync('ss', ['-tnpH', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}
