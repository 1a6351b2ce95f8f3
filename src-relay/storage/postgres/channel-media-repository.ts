import type { ChannelMediaRepository } from '../port/channel-media.js';
import { mediaFetchOf, type MediaFetchRow } from '../rows/media-fetch-row.js';
import { rowsOf, type Query } from './query.js';

const FETCH_COLUMNS = `message_id AS "messageId", position, tenant_id AS "tenantId", account_id AS "accountId", ref, name, media_type AS "mediaType",
  size, state, attempts, next_attempt_at AS "nextAttemptAt", attachment, last_error AS "lastError"`;

/** Customers' files to fetch from the providers (channel_media_fetches). */
export function channelMediaRepository(query: Query): ChannelMediaRepository {
  return {
    async insertFetches(fetches, at) {
      for (const f of fetches) {
        await query(
          `INSERT INTO channel_media_fetches (message_id, position, tenant_id, account_id, ref, name, media_type, size, state, attempts, next_attempt_at, last_error, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $12)`,
          [f.messageId, f.position, f.tenantId, f.accountId, f.ref, f.name, f.mediaType, f.size, f.state, f.nextAttemptAt, f.lastError, at],
        );
      }
    },
    async claimDueFetches(tenantId, at, claimUntil, limit) {
      // The rows as they were before the claim.
      const rows = await rowsOf<MediaFetchRow>(
        query,
        `WITH due AS (
           SELECT message_id, position FROM channel_media_fetches
            WHERE tenant_id = $1 AND state = 'pending' AND next_attempt_at <= $2
            ORDER BY next_attempt_at, message_id COLLATE "C", position LIMIT $4 FOR UPDATE),
         before AS (SELECT ${FETCH_COLUMNS} FROM channel_media_fetches WHERE (message_id, position) IN (SELECT message_id, position FROM due)),
         claimed AS (
           UPDATE channel_media_fetches SET attempts = attempts + 1, next_attempt_at = $3, updated_at = $2
            WHERE (message_id, position) IN (SELECT message_id, position FROM due))
         SELECT * FROM before ORDER BY "nextAttemptAt", "messageId" COLLATE "C", position`,
        [tenantId, at, claimUntil, limit],
      );
      return rows.map(mediaFetchOf);
    },
    async nextFetchDueAt(tenantId) {
      const [row] = await rowsOf<{ due: number | null }>(query, "SELECT MIN(next_attempt_at) AS due FROM channel_media_fetches WHERE tenant_id = $1 AND state = 'pending'", [tenantId]);
      return row?.due ?? null;
    },
    async listFetches(messageId) {
      return (await rowsOf<MediaFetchRow>(query, `SELECT ${FETCH_COLUMNS} FROM channel_media_fetches WHERE message_id = $1 ORDER BY position`, [messageId])).map(mediaFetchOf);
    },
    async updateFetch(messageId, position, { state, at, nextAttemptAt = null, attachment = null, lastError = null }) {
      await query(
        `UPDATE channel_media_fetches SET state = $3, updated_at = $4, next_attempt_at = COALESCE($5, next_attempt_at),
           attachment = COALESCE($6, attachment), last_error = COALESCE($7, last_error)
         WHERE message_id = $1 AND position = $2`,
        [messageId, position, state, at, nextAttemptAt, attachment && JSON.stringify(attachment), lastError],
      );
    },
    async setMessageFiles(messageId, attachments, pendingFiles) {
      await query('UPDATE messages SET attachments = $2, pending_files = $3 WHERE id = $1', [messageId, attachments.length ? JSON.stringify(attachments) : null, pendingFiles.length ? JSON.stringify(pendingFiles) : null]);
    },
  };
}

