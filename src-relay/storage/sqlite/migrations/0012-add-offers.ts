import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Offers: a tenant may have conversations offered to an agent, who accepts within a set time
 * (null: assigned at once). An open offer and the agents who let one pass live on the conversation.
 */
export const addOffers: Migration = {
  version: 12,
  name: '0012-add-offers',
  up(db) {
    db.exec(`
      ALTER TABLE tenants ADD COLUMN offer_timeout_ms INTEGER;
      ALTER TABLE conversations ADD COLUMN offer_agent_id TEXT;
      ALTER TABLE conversations ADD COLUMN offer_expires_at INTEGER;
      ALTER TABLE conversations ADD COLUMN passed_over TEXT NOT NULL DEFAULT '[]';
      CREATE INDEX conversations_offer_expiry ON conversations(offer_expires_at) WHERE offer_expires_at IS NOT NULL;
    `);
  },
};
