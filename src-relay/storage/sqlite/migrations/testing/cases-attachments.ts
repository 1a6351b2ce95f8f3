import { expect } from 'vitest';
import { addMessageAttachments } from '../0019-add-message-attachments.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

/** A message from before carries no file. */
export const CASES_ATTACHMENTS: RelayCase[] = [
  {
    migration: addMessageAttachments,
    before: insertConversation,
    schema: { altered: ['table messages + attachments TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, attachments FROM messages')).toEqual([{ id: 'm1', body: 'hello', attachments: null }]);
    },
  },
];
