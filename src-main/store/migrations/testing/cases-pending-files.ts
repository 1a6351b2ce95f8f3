import { expect } from 'vitest';
import { addMessagePendingFiles } from '../0026-add-message-pending-files.js';
import { insertMessage, rows, type CacheCase } from './cache-rows.js';

/** A cached message from before has no file pending. */
export const CASES_PENDING_FILES: CacheCase[] = [
  {
    migration: addMessagePendingFiles,
    before(db) {
      insertMessage(db, 'm1', 'hello');
    },
    schema: { altered: ['table messages + pending_files TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, pending_files FROM messages')).toEqual([{ id: 'm1', body: 'hello', pending_files: null }]);
    },
  },
];
