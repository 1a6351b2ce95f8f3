import type Database from 'better-sqlite3';
import type { MessageAttachment, PendingFile } from '../../../src-shared/domain/model.js';
import type { ChannelMediaRepository, MediaFetch, MediaFetchChange, NewMediaFetch } from '../port/channel-media.js';
import { mediaFetchOf, type MediaFetchRow } from '../rows/media-fetch-row.js';
import type { Synchronous } from './synchronous.js';

const FETCH_COLUMNS = `message_id AS messageId, position, tenant_id AS tenantId, account_id AS accountId, ref, name, media_type AS mediaType,
  size, state, attempts, next_attempt_at AS nextAttemptAt, attachment, last_error AS lastError`;

/** Customers' files to fetch from the providers (channel_media_fetches). */
export function createChannelMediaStore(db: Database.Database): Synchronous<ChannelMediaRepository> {
  const sql = {
    insert: db.prepare(
      `INSERT INTO channel_media_fetches (message_id, position, tenant_id, account_id, ref, name, media_type, size, state, attempts, next_attempt_at, last_error, created_at, updated_at)
       VALUES (@messageId, @position, @tenantId, @accountId, @ref, @name, @mediaType, @size, @state, 0, @nextAttemptAt, @lastError, @at, @at)`,
    ),
    due: db.prepare(`SELECT ${FETCH_COLUMNS} FROM channel_media_fetches WHERE tenant_id = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, message_id, position LIMIT ?`),
    claim: db.prepare('UPDATE channel_media_fetches SET attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE message_id = ? AND position = ?'),
    nextDue: db.prepare("SELECT MIN(next_attempt_at) FROM channel_media_fetches WHERE tenant_id = ? AND state = 'pending'").pluck(),
    list: db.prepare(`SELECT ${FETCH_COLUMNS} FROM channel_media_fetches WHERE message_id = ? ORDER BY position`),
    update: db.prepare(
      `UPDATE channel_media_fetches SET state = @state, updated_at = @at, next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at),
         attachment = COALESCE(@attachment, attachment), last_error = COALESCE(@lastError, last_error)
       WHERE message_id = @messageId AND position = @position`,
    ),
    setFiles: db.prepare('UPDATE messages SET attachments = ?, pending_files = ? WHERE id = ?'),
  };
  const fetches = (rows: unknown[]) => (rows as MediaFetchRow[]).map(mediaFetchOf);
  return {
    insertFetches(list: readonly NewMediaFetch[], at: number): void {
      for (const fetch of list) sql.insert.run({ ...fetch, at });
    },
    claimDueFetches(tenantId: string, at: number, claimUntil: number, limit: number): MediaFetch[] {
      const due = fetches(sql.due.all(tenantId, at, limit));
      for (const fetch of due) sql.claim.run(claimUntil, at, fetch.messageId, fetch.position);
      return due;
    },
    nextFetchDueAt: (tenantId: string) => (sql.nextDue.get(tenantId) as number | null | undefined) ?? null,
    listFetches: (messageId: string) => fetches(sql.list.all(messageId)),
    updateFetch(messageId: string, position: number, change: MediaFetchChange): void {
      const { state, at, nextAttemptAt = null, attachment = null, lastError = null } = change;
      sql.update.run({ messageId, position, state, at, nextAttemptAt, attachment: attachment && JSON.stringify(attachment), lastError });
    },
    setMessageFiles(messageId: string, attachments: readonly MessageAttachment[], pendingFiles: readonly PendingFile[]): void {
      sql.setFiles.run(attachments.length ? JSON.stringify(attachments) : null, pendingFiles.length ? JSON.stringify(pendingFiles) : null, messageId);
    },
  };
}

