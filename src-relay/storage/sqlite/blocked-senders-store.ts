import type Database from 'better-sqlite3';
import type { BlockedSender } from '../../../src-shared/domain/blocked-senders.js';
import type { BlockedSendersRepository } from '../port/blocked-senders.js';
import type { Synchronous } from './synchronous.js';

/** The senders and domains each tenant refuses mail from. */
export function createBlockedSendersStore(db: Database.Database): Synchronous<BlockedSendersRepository> {
  const sql = {
    list: db.prepare(
      `SELECT value, kind, blocked_by AS blockedBy, blocked_at AS blockedAt FROM blocked_senders
        WHERE tenant_id = ? ORDER BY blocked_at, value`,
    ),
    block: db.prepare(
      `INSERT OR IGNORE INTO blocked_senders (tenant_id, value, kind, blocked_by, blocked_at)
       VALUES (@tenantId, @value, @kind, @blockedBy, @blockedAt)`,
    ),
    unblock: db.prepare('DELETE FROM blocked_senders WHERE tenant_id = ? AND value = ?'),
  };
  return {
    list(tenantId) {
      return sql.list.all(tenantId) as BlockedSender[];
    },
    block(tenantId, entry) {
      return sql.block.run({ tenantId, ...entry }).changes === 1;
    },
    unblock(tenantId, value) {
      return sql.unblock.run(tenantId, value).changes === 1;
    },
  };
}
