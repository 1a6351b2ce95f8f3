import { expect } from 'vitest';
import { addChannelDelivery } from '../0020-add-channel-delivery.js';
import { insertMessage, rows, type CacheCase } from './cache-rows.js';

/** Replies' delivery through messaging apps. */
export const CASES_0020: CacheCase[] = [
  {
    migration: addChannelDelivery,
    before(db) {
      insertMessage(db, 'm1', 'hello');
    },
    schema: { altered: ['table messages + channel_delivery TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, channel_delivery FROM messages')).toEqual([{ id: 'm1', body: 'hello', channel_delivery: null }]);
    },
  },
];
