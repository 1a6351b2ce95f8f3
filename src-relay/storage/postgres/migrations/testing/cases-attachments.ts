import { expect } from 'vitest';
import { addMessageAttachments } from '../0008-add-message-attachments.js';
import { insertConversation, rows, type PostgresCase } from './postgres-rows.js';

/** A message from before carries no file. */
export const POSTGRES_CASES_ATTACHMENTS: PostgresCase[] = [
  {
    migration: addMessageAttachments,
    before: insertConversation,
    schema: { altered: ['table messages + attachments text'] },
    async after(db) {
      expect(await rows(db, 'SELECT id, body, attachments FROM messages')).toEqual([{ id: 'm1', body: 'hello', attachments: null }]);
    },
  },
];
