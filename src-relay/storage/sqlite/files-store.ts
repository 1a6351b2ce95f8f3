import type Database from 'better-sqlite3';
import type { FileRecord, FilesRepository } from '../port/files.js';
import type { Synchronous } from './synchronous.js';

/** Which tenant holds which file, and the conversations each was shared in. */
export function createFilesStore(db: Database.Database): Synchronous<FilesRepository> {
  const sql = {
    record: db.prepare(
      `INSERT OR IGNORE INTO files (tenant_id, id, media_type, size, name, created_at)
       VALUES (@tenantId, @id, @mediaType, @size, @name, @createdAt)`,
    ),
    find: db.prepare('SELECT id, media_type AS mediaType, size, name, created_at AS createdAt FROM files WHERE tenant_id = ? AND id = ?'),
    link: db.prepare(
      `INSERT OR IGNORE INTO conversation_files (tenant_id, conversation_id, file_id)
       SELECT tenant_id, @conversationId, id FROM files WHERE tenant_id = @tenantId AND id = @fileId`,
    ),
    held: db.prepare('SELECT 1 FROM files WHERE tenant_id = ? AND id = ?').pluck(),
    linked: db.prepare('SELECT 1 FROM conversation_files WHERE tenant_id = ? AND conversation_id = ? AND file_id = ?').pluck(),
    linksOf: db.prepare('SELECT file_id FROM conversation_files WHERE tenant_id = ? AND conversation_id = ?').pluck(),
    unlink: db.prepare('DELETE FROM conversation_files WHERE tenant_id = ? AND conversation_id = ?'),
    stillLinked: db.prepare('SELECT 1 FROM conversation_files WHERE tenant_id = ? AND file_id = ? LIMIT 1').pluck(),
    forget: db.prepare('DELETE FROM files WHERE tenant_id = ? AND id = ?'),
    heldAnywhere: db.prepare('SELECT 1 FROM files WHERE id = ? LIMIT 1').pluck(),
  };
  return {
    record(tenantId: string, file: FileRecord): void {
      sql.record.run({ tenantId, ...file });
    },
    find(tenantId: string, fileId: string): FileRecord | null {
      return (sql.find.get(tenantId, fileId) as FileRecord | undefined) ?? null;
    },
    linkToConversation(tenantId: string, conversationId: string, fileId: string): boolean {
      sql.link.run({ tenantId, conversationId, fileId });
      return sql.held.get(tenantId, fileId) !== undefined;
    },
    isInConversation(tenantId: string, conversationId: string, fileId: string): boolean {
      return sql.linked.get(tenantId, conversationId, fileId) !== undefined;
    },
    forgetUnshared(tenantId: string, fileId: string): boolean {
      if (sql.stillLinked.get(tenantId, fileId) !== undefined) return false;
      sql.forget.run(tenantId, fileId);
      return sql.heldAnywhere.get(fileId) === undefined;
    },
    eraseConversations(tenantId: string, conversationIds: readonly string[]): string[] {
      const shared = new Set<string>();
      for (const conversationId of conversationIds) {
        for (const fileId of sql.linksOf.all(tenantId, conversationId) as string[]) shared.add(fileId);
        sql.unlink.run(tenantId, conversationId);
      }
      const unheld: string[] = [];
      for (const fileId of [...shared].sort()) {
        if (sql.stillLinked.get(tenantId, fileId) !== undefined) continue;
        sql.forget.run(tenantId, fileId);
        if (sql.heldAnywhere.get(fileId) === undefined) unheld.push(fileId);
      }
      return unheld;
    },
  };
}
