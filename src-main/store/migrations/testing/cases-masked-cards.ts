import { expect } from 'vitest';
import { maskCachedCardNumbers } from '../0027-mask-cached-card-numbers.js';
import { column, found, insertConversation, insertMessage, rows, type CacheCase } from './cache-rows.js';

const CARD = '4111 1111 1111 1111';

/** A cache filled before masking holds card numbers as customers wrote them: masked in place, and out of the search index. */
export const CASES_MASKED_CARDS: CacheCase[] = [
  {
    migration: maskCachedCardNumbers,
    before(db) {
      insertConversation(db, 'c1');
      db.exec(`UPDATE conversations SET last_message_preview = 'Hi, my card is ${CARD.slice(0, 12)}…'`);
      const card = insertMessage(db, 'm1', `My card is ${CARD}`);
      insertMessage(db, 'm2', 'Order 1234 5678 9012 3456 is late');
      db.exec(`UPDATE messages SET original_body = 'Karte ${CARD}' WHERE id = 'm1'`);
      // Indexed already, as a cache of that version had it.
      db.exec('INSERT INTO messages_fts (rowid, body) SELECT local_seq, body FROM messages; DELETE FROM search_backlog');
      db.exec(`INSERT INTO translations VALUES ('m1', 'de', 'en', 'Meine Karte ist ${CARD}', 'opus', 1)`);
      db.exec(`INSERT INTO translations VALUES ('m2', 'de', 'en', 'Bestellung 1234 5678 9012 3456, Karte ${CARD}', 'opus', 1)`);
      db.exec(`INSERT INTO notices (id, at, kind, conversation_id, customer_name, detail) VALUES ('n1', 1, 'mentioned', 'c1', 'Nok', 'card ${CARD}?')`);
      expect(card).toBeGreaterThan(0);
    },
    schema: {},
    after(db) {
      expect(rows(db, 'SELECT id, body, original_body FROM messages ORDER BY id')).toEqual([
        { id: 'm1', body: 'My card is •••• 1111', original_body: 'Karte •••• 1111' },
        { id: 'm2', body: 'Order 1234 5678 9012 3456 is late', original_body: null },
      ]);
      // A changed message's translation goes with its old text (the cache's trigger) and is made again from the masked one.
      expect(rows(db, 'SELECT message_id, body FROM translations')).toEqual([{ message_id: 'm2', body: 'Bestellung 1234 5678 9012 3456, Karte •••• 1111' }]);
      expect(column(db, 'SELECT detail FROM notices')).toEqual(['card •••• 1111?']);
      expect(column(db, 'SELECT last_message_preview FROM conversations')).toEqual(['Hi, my card is •••…']);
      // Out of the index now, and waiting to be indexed again as masked; the untouched message stays indexed.
      expect(found(db, '"4111 1111"')).toEqual([]);
      expect(found(db, '"1234 5678"')).toEqual(['m2']);
      expect(column(db, 'SELECT m.id FROM search_backlog b JOIN messages m ON m.local_seq = b.local_seq')).toEqual(['m1']);
    },
  },
];
