import type { BlockedSender } from '../../../src-shared/domain/blocked-senders.js';
import type { BlockedSendersRepository } from '../port/blocked-senders.js';
import { rowsOf, type Query } from './query.js';

/** The senders and domains each tenant refuses mail from. */
export function blockedSendersRepository(query: Query): BlockedSendersRepository {
  return {
    list(tenantId) {
      return rowsOf<BlockedSender>(
        query,
        `SELECT value, kind, blocked_by AS "blockedBy", blocked_at AS "blockedAt" FROM blocked_senders
          WHERE tenant_id = $1 ORDER BY blocked_at, value COLLATE "C"`,
        [tenantId],
      );
    },
    async block(tenantId, entry) {
      const inserted = await query(
        'INSERT INTO blocked_senders (tenant_id, value, kind, blocked_by, blocked_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [tenantId, entry.value, entry.kind, entry.blockedBy, entry.blockedAt],
      );
      return inserted.rowCount === 1;
    },
    async unblock(tenantId, value) {
      return (await query('DELETE FROM blocked_senders WHERE tenant_id = $1 AND value = $2', [tenantId, value])).rowCount === 1;
    },
  };
}
