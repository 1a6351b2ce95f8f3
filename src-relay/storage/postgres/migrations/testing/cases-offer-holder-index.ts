import { expect } from 'vitest';
import { addOfferHolderIndex } from '../0022-add-offer-holder-index.js';
import { insertConversation, rows, type PostgresCase } from './postgres-rows.js';

/** An agent's load reads the conversations offered to them through an index, not the whole table. */
export const POSTGRES_OFFER_HOLDER_INDEX_CASES: PostgresCase[] = [
  {
    migration: addOfferHolderIndex,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("UPDATE conversations SET assignee_id = NULL, offer_agent_id = 'ann', offer_expires_at = 50 WHERE id = 'c1'");
    },
    schema: {
      created: ['index conversations_by_offer_agent ON conversations(offer_agent_id, status) WHERE (offer_agent_id IS NOT NULL)'],
    },
    async after(db) {
      const load = "SELECT channel, COUNT(*)::int AS n FROM conversations WHERE (assignee_id = $1 OR offer_agent_id = $1) AND status <> 'resolved' GROUP BY channel";
      expect(await rows(db, load, 'ann')).toEqual([{ channel: 'webchat', n: 1 }]);
      const client = await db.pool.connect();
      try {
        // A table this small is scanned whatever its indexes; with scans off, the plan shows whether the index can serve.
        await client.query('SET enable_seqscan = off');
        const plan = await client.query(`EXPLAIN ${load.replace(/\$1/g, "'ann'")}`);
        expect(JSON.stringify(plan.rows)).toContain('conversations_by_offer_agent');
      } finally {
        client.release();
      }
    },
  },
];
