import type { Migration } from '../../../../src-node/sqlite/migration.js';

/**
 * Routing read its queue and its agents' loads by computing them at every decision: the urgency
 * of every waiting conversation of the team (then a sort), and each available agent's open
 * conversations counted. Both are now kept as rows change, by triggers, so that every writer
 * (routing, merges, erasure, the move to PostgreSQL) keeps them true:
 *
 * - `conversations.queue_urgency`: routing-score's urgencyOf (sla_check_at is nextCheckAt of the
 *   clock, VIP is the customer's), with a partial index of the waiting ones per team in the
 *   queue's order, for each kind of work (workKindOf of the channel: a drain reads the queue of
 *   the kinds someone has room for), so the head of a team's queue is an index read;
 * - `agents.load_call/load_chat/load_email`: the unresolved conversations held or offered, per
 *   kind, as openLoadsByKind counts them (once per conversation even when both), and
 *   `agents.capacity_*` as their routing profile has it, so that the agents with room are found
 *   by comparing columns, without counting or reading JSON, through a partial index per kind of
 *   the available agents with room (few, on a busy floor).
 *
 * The numbers are routing-score's NO_SLA_DUE_MS, VIP_LEAD_MS and UPSET_LEAD_MS as they are now, written
 * out so that this migration stays what it was; the storage contract tests compare the stored
 * urgency with urgencyOf, so a change of those constants needs a migration of its own.
 */
const URGENCY_OF_ROW = (row: string, vip: string) => `COALESCE(${row}.sla_check_at, ${row}.created_at + 86400000) - ${vip} * 1800000 - ${row}.upset * 1200000`;

const vipOf = (row: string) => `COALESCE((SELECT vip FROM customers WHERE id = ${row}.customer_id), 0)`;

/** The capacity of the agent's routing profile, else routing-score's DEFAULT_CAPACITY as it is now (1 call, 4 chats, 6 emails). */
const CAPACITY_OF_ROUTING = (row: string) =>
  `capacity_call = COALESCE(json_extract(${row}.routing, '$.capacity.call'), 1), capacity_chat = COALESCE(json_extract(${row}.routing, '$.capacity.chat'), 4),
   capacity_email = COALESCE(json_extract(${row}.routing, '$.capacity.email'), 6)`;

const WORK_KINDS = ['call', 'chat', 'email'] as const;
/** An agent who may be given this kind of work now, as far as the database knows (routing checks they are connected). */
const HAS_ROOM = (kind: string) => `role = 'agent' AND COALESCE(state, presence) = 'available' AND load_${kind} < capacity_${kind}`;

/** One conversation row's weight per kind (routing-score's workKindOf). */
const loadChange = (row: string, sign: '+' | '-') =>
  `UPDATE agents SET load_call = load_call ${sign} (${row}.channel = 'voice'),
     load_chat = load_chat ${sign} (${row}.channel NOT IN ('voice', 'email')), load_email = load_email ${sign} (${row}.channel = 'email')
   WHERE id IN (${row}.assignee_id, ${row}.offer_agent_id) AND ${row}.status <> 'resolved';`;

export const addStoredRoutingOrderAndLoads: Migration = {
  version: 34,
  name: '0034-add-stored-routing-order-and-loads',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN queue_urgency INTEGER NOT NULL DEFAULT 0;
      UPDATE conversations SET queue_urgency = ${URGENCY_OF_ROW('conversations', vipOf('conversations'))};
      CREATE INDEX conversations_waiting ON conversations(tenant_id, team_id, (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END), queue_urgency, created_at, id)
        WHERE assignee_id IS NULL AND status <> 'resolved';
      CREATE TRIGGER conversations_urgency_on_insert AFTER INSERT ON conversations BEGIN
        UPDATE conversations SET queue_urgency = ${URGENCY_OF_ROW('NEW', vipOf('NEW'))} WHERE id = NEW.id;
      END;
      CREATE TRIGGER conversations_urgency_on_update AFTER UPDATE OF sla_check_at, upset, customer_id, created_at ON conversations
        WHEN OLD.sla_check_at IS NOT NEW.sla_check_at OR OLD.upset IS NOT NEW.upset OR OLD.customer_id IS NOT NEW.customer_id OR OLD.created_at IS NOT NEW.created_at
      BEGIN
        UPDATE conversations SET queue_urgency = ${URGENCY_OF_ROW('NEW', vipOf('NEW'))} WHERE id = NEW.id;
      END;
      CREATE TRIGGER customers_vip_urgency AFTER UPDATE OF vip ON customers WHEN OLD.vip IS NOT NEW.vip BEGIN
        UPDATE conversations SET queue_urgency = ${URGENCY_OF_ROW('conversations', 'NEW.vip')} WHERE customer_id = NEW.id;
      END;

      ALTER TABLE agents ADD COLUMN load_call INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE agents ADD COLUMN load_chat INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE agents ADD COLUMN load_email INTEGER NOT NULL DEFAULT 0;
      UPDATE agents SET
        load_call = (SELECT COUNT(*) FROM conversations c WHERE (c.assignee_id = agents.id OR c.offer_agent_id = agents.id) AND c.status <> 'resolved' AND c.channel = 'voice'),
        load_chat = (SELECT COUNT(*) FROM conversations c WHERE (c.assignee_id = agents.id OR c.offer_agent_id = agents.id) AND c.status <> 'resolved' AND c.channel NOT IN ('voice', 'email')),
        load_email = (SELECT COUNT(*) FROM conversations c WHERE (c.assignee_id = agents.id OR c.offer_agent_id = agents.id) AND c.status <> 'resolved' AND c.channel = 'email');
      ALTER TABLE agents ADD COLUMN capacity_call INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE agents ADD COLUMN capacity_chat INTEGER NOT NULL DEFAULT 4;
      ALTER TABLE agents ADD COLUMN capacity_email INTEGER NOT NULL DEFAULT 6;
      UPDATE agents SET ${CAPACITY_OF_ROUTING('agents')};
      ${WORK_KINDS.map((kind) => `CREATE INDEX agents_with_room_for_${kind} ON agents(tenant_id) WHERE ${HAS_ROOM(kind)};`).join('\n      ')}
      CREATE TRIGGER agents_capacity_on_insert AFTER INSERT ON agents BEGIN
        UPDATE agents SET ${CAPACITY_OF_ROUTING('NEW')} WHERE id = NEW.id;
      END;
      CREATE TRIGGER agents_capacity_on_update AFTER UPDATE OF routing ON agents BEGIN
        UPDATE agents SET ${CAPACITY_OF_ROUTING('NEW')} WHERE id = NEW.id;
      END;
      CREATE TRIGGER conversations_load_on_insert AFTER INSERT ON conversations BEGIN
        ${loadChange('NEW', '+')}
      END;
      CREATE TRIGGER conversations_load_on_delete AFTER DELETE ON conversations BEGIN
        ${loadChange('OLD', '-')}
      END;
      CREATE TRIGGER conversations_load_on_update AFTER UPDATE OF assignee_id, offer_agent_id, status, channel ON conversations
        WHEN OLD.assignee_id IS NOT NEW.assignee_id OR OLD.offer_agent_id IS NOT NEW.offer_agent_id OR OLD.status IS NOT NEW.status OR OLD.channel IS NOT NEW.channel
      BEGIN
        ${loadChange('OLD', '-')}
        ${loadChange('NEW', '+')}
      END;
    `);
  },
};
