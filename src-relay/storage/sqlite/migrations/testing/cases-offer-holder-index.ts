import { expect } from 'vitest';
import { addOfferHolderIndex } from '../0033-add-offer-holder-index.js';
import { insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

/** An agent's load reads the conversations offered to them through an index, not the whole table. */
export const CASES_OFFER_HOLDER_INDEX: RelayCase[] = [
  {
    migration: addOfferHolderIndex,
    before(db) {
      insertConversation(db);
      db.exec("UPDATE conversations SET assignee_id = NULL, offer_agent_id = 'ann', offer_expires_at = 50 WHERE id = 'c1'");
    },
    schema: {
      created: ['index conversations_by_offer_agent ON conversations(offer_agent_id, status) WHERE offer_agent_id IS NOT NULL'],
    },
    after(db) {
      const load = "SELECT channel, COUNT(*) AS n FROM conversations WHERE (assignee_id = ? OR offer_agent_id = ?) AND status <> 'resolved' GROUP BY channel";
      expect(rows(db, load, 'ann', 'ann')).toEqual([{ channel: 'webchat', n: 1 }]);
      expect(usesIndex(db, 'conversations_by_offer_agent', load, 'ann', 'ann')).toBe(true);
    },
  },
];
