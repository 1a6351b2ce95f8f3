import { expect } from 'vitest';
import { addMessageAttachments } from '../0023-add-message-attachments.js';
import { insertMessage, rows, type CacheCase } from './cache-rows.js';

/** A cached message from before carries no file. */
export const CASES_ATTACHMENTS: CacheCase[] = [
  {
    migration: addMessageAttachments,
    before(db) {
      insertMessage(db, 'm1', 'hello');
    },
    schema: { altered: ['table messages + attachments TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, attachments FROM messages')).toEqual([{ id: 'm1', body: 'hello', attachments: null }]);
    },
  },
];
