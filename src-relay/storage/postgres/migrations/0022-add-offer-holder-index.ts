import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** SQLite's 0033-add-offer-holder-index: an agent's load (held or offered) reads two indexes, not the whole conversations table. */
export const addOfferHolderIndex: PostgresMigration = {
  version: 22,
  name: '0022-add-offer-holder-index',
  async up(client) {
    await client.query('CREATE INDEX conversations_by_offer_agent ON conversations (offer_agent_id, status) WHERE offer_agent_id IS NOT NULL');
  },
};
