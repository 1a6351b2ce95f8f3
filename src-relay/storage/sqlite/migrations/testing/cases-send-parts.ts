import { expect } from 'vitest';
import { addChannelSendParts } from '../0025-add-channel-send-parts.js';
import { insertConversation, rows, type RelayCase } from './relay-rows.js';

/** A reply queued before has no part taken. */
export const CASES_SEND_PARTS: RelayCase[] = [
  {
    migration: addChannelSendParts,
    before(db) {
      insertConversation(db);
      db.exec(`INSERT INTO channel_accounts VALUES ('wa', 't1', 'whatsapp', 'Sales', 'team', 'token-wa', 'sealed', 1, NULL);
        INSERT INTO channel_sends (message_id, tenant_id, account_id, recipient, state, next_attempt_at, created_at, updated_at) VALUES ('m1', 't1', 'wa', '4917', 'queued', 3, 3, 3);`);
    },
    schema: { altered: ['table channel_sends + sent_parts TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT message_id, state, sent_parts FROM channel_sends')).toEqual([{ message_id: 'm1', state: 'queued', sent_parts: null }]);
    },
  },
];
