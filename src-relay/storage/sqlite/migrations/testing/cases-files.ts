import { expect } from 'vitest';
import { addFiles } from '../0015-add-files.js';
import { column, insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

const sha = (digit: string) => digit.repeat(64);

/** Attachments: which tenant holds which file, and where it was shared. */
export const CASES_FILES: RelayCase[] = [
  {
    migration: addFiles,
    before: insertConversation,
    schema: {
      created: [
        'index conversation_files_by_file ON conversation_files(tenant_id, file_id)',
        'index files_by_id ON files(id)',
        'table conversation_files(tenant_id TEXT PK NOT NULL, conversation_id TEXT PK NOT NULL, file_id TEXT PK NOT NULL) WITHOUT ROWID',
        'table files(tenant_id TEXT PK NOT NULL REFERENCES tenants(id), id TEXT PK NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, name TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID',
      ],
    },
    after(db) {
      db.exec("INSERT INTO tenants (id, name, created_at) VALUES ('t2', 'Two', 0)");
      const record = db.prepare("INSERT INTO files VALUES (?, ?, 'image/png', ?, 'a.png', 5)");
      // The same bytes may be held by two tenants, each with its own record; once per tenant.
      record.run('t1', sha('a'), 10);
      record.run('t2', sha('a'), 10);
      expect(() => record.run('t1', sha('a'), 10)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => record.run('t1', sha('b'), 0)).toThrow(/CHECK/);
      expect(() => record.run('nobody', sha('c'), 1)).toThrow(/FOREIGN KEY/);
      const link = db.prepare('INSERT INTO conversation_files VALUES (?, ?, ?)');
      link.run('t1', 'c1', sha('a'));
      // A link needs no conversation row: erasures keep only ids.
      link.run('t2', 'gone', sha('a'));
      expect(() => link.run('t1', 'c1', sha('a'))).toThrow(/UNIQUE|PRIMARY/);
      expect(rows(db, 'SELECT tenant_id, conversation_id FROM conversation_files ORDER BY tenant_id')).toEqual([
        { tenant_id: 't1', conversation_id: 'c1' },
        { tenant_id: 't2', conversation_id: 'gone' },
      ]);
      expect(column(db, 'SELECT tenant_id FROM files WHERE id = ? ORDER BY tenant_id', sha('a'))).toEqual(['t1', 't2']);
      expect(usesIndex(db, 'files_by_id', 'SELECT 1 FROM files WHERE id = ?', sha('a'))).toBe(true);
      expect(usesIndex(db, 'conversation_files_by_file', 'SELECT 1 FROM conversation_files WHERE tenant_id = ? AND file_id = ?', 't1', sha('a'))).toBe(true);
    },
  },
];
