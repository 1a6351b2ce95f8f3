import type { FileRecord, FilesRepository } from '../port/files.js';
import { rowsOf, type Query } from './query.js';

/** Which tenant holds which file, and the conversations each was shared in. */
export function filesRepository(query: Query): FilesRepository {
  return {
    async record(tenantId, file) {
      await query(
        `INSERT INTO files (tenant_id, id, media_type, size, name, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [tenantId, file.id, file.mediaType, file.size, file.name, file.createdAt],
      );
    },
    async find(tenantId, fileId) {
      const [found] = await rowsOf<FileRecord>(
        query,
        'SELECT id, media_type AS "mediaType", size, name, created_at AS "createdAt" FROM files WHERE tenant_id = $1 AND id = $2',
        [tenantId, fileId],
      );
      return found ?? null;
    },
    async linkToConversation(tenantId, conversationId, fileId) {
      const held = await query(
        `WITH held AS (SELECT tenant_id, id FROM files WHERE tenant_id = $1 AND id = $3),
              linked AS (INSERT INTO conversation_files (tenant_id, conversation_id, file_id) SELECT tenant_id, $2, id FROM held ON CONFLICT DO NOTHING)
         SELECT 1 FROM held`,
        [tenantId, conversationId, fileId],
      );
      return held.rowCount !== 0;
    },
    async isInConversation(tenantId, conversationId, fileId) {
      return (await query('SELECT 1 FROM conversation_files WHERE tenant_id = $1 AND conversation_id = $2 AND file_id = $3', [tenantId, conversationId, fileId])).rowCount !== 0;
    },
    async forgetUnshared(tenantId, fileId) {
      const forgotten = await query(
        `DELETE FROM files f WHERE f.tenant_id = $1 AND f.id = $2
           AND NOT EXISTS (SELECT 1 FROM conversation_files c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id)`,
        [tenantId, fileId],
      );
      if (forgotten.rowCount === 0) return false;
      return (await query('SELECT 1 FROM files WHERE id = $1 LIMIT 1', [fileId])).rowCount === 0;
    },
    async eraseConversations(tenantId, conversationIds) {
      const unlinked = await query<{ file_id: string }>('DELETE FROM conversation_files WHERE tenant_id = $1 AND conversation_id = ANY($2::text[]) RETURNING file_id', [tenantId, conversationIds]);
      const shared = [...new Set(unlinked.rows.map((row) => row.file_id))];
      const forgotten = await query<{ id: string }>(
        `DELETE FROM files f WHERE f.tenant_id = $1 AND f.id = ANY($2::text[])
           AND NOT EXISTS (SELECT 1 FROM conversation_files c WHERE c.tenant_id = f.tenant_id AND c.file_id = f.id)
         RETURNING f.id`,
        [tenantId, shared],
      );
      const candidates = forgotten.rows.map((row) => row.id);
      const held = await query<{ id: string }>('SELECT DISTINCT id FROM files WHERE id = ANY($1::text[])', [candidates]);
      const stillHeld = new Set(held.rows.map((row) => row.id));
      return candidates.filter((id) => !stillHeld.has(id)).sort();
    },
  };
}
