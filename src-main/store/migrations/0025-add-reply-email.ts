import type { Migration } from '../../../src-node/sqlite/migration.js';

/**
 * What an unsent email reply carries besides its text (JSON EmailReply: subject, CC, BCC, the
 * quote, a forward), so that a refused one sent again goes to the same people with the same subject.
 */
export const addReplyEmail: Migration = {
  version: 25,
  name: 'add-reply-email',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN reply_email TEXT;');
  },
};
