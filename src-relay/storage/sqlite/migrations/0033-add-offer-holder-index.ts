import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * An agent's load counts the conversations offered to them too (assignee_id = ? OR
 * offer_agent_id = ?): without an index on the offer's agent, that OR read the whole
 * conversations table, once per agent at every routing decision. Few conversations are on offer
 * at a time, so the index holds those only.
 */
export const addOfferHolderIndex: Migration = {
  version: 33,
  name: '0033-add-offer-holder-index',
  up(db) {
    db.exec('CREATE INDEX conversations_by_offer_agent ON conversations(offer_agent_id, status) WHERE offer_agent_id IS NOT NULL');
  },
};
