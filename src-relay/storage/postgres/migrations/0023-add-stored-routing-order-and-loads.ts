import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';

/** One conversation row's weight per kind (routing-score's workKindOf), for whoever holds or is offered it. */
const loadChange = (row: string, sign: '+' | '-') =>
  `IF ${row}.status <> 'resolved' THEN
     UPDATE agents SET load_call = load_call ${sign} (${row}.channel = 'voice')::int,
       load_chat = load_chat ${sign} (${row}.channel NOT IN ('voice', 'email'))::int, load_email = load_email ${sign} (${row}.channel = 'email')::int
     WHERE id IN (${row}.assignee_id, ${row}.offer_agent_id);
   END IF;`;

/** The capacity columns, as SQLite's: the routing profile's, else routing-score's DEFAULT_CAPACITY as it is now. */
const DEFAULT_CAPACITY = { call: 1, chat: 4, email: 6 } as const;
const capacityOf = (row: string, kind: keyof typeof DEFAULT_CAPACITY) => `COALESCE(((${row}.routing::jsonb) #>> '{capacity,${kind}}')::int, ${DEFAULT_CAPACITY[kind]})`;
const KINDS = ['call', 'chat', 'email'] as const;

const countOf = (kind: string) =>
  `(SELECT COUNT(*) FROM conversations c WHERE (c.assignee_id = agents.id OR c.offer_agent_id = agents.id) AND c.status <> 'resolved' AND ${kind})`;

/**
 * SQLite's 0034-add-stored-routing-order-and-loads: each conversation's queue urgency (urgencyOf,
 * the customer's VIP included), each agent's open load and capacity per kind, kept by triggers, and the
 * waiting conversations indexed per team and kind of work in the queue's order (ids as bytes, as the queue sorts);
 * the available agents with room indexed per kind.
 */
export const addStoredRoutingOrderAndLoads: PostgresMigration = {
  version: 23,
  name: '0023-add-stored-routing-order-and-loads',
  async up(client) {
    await client.query(`
      ALTER TABLE conversations ADD COLUMN queue_urgency bigint NOT NULL DEFAULT 0;
      UPDATE conversations c SET queue_urgency = COALESCE(c.sla_check_at, c.created_at + 86400000) - cu.vip * 1800000 - c.upset * 1200000
        FROM customers cu WHERE cu.id = c.customer_id;
      CREATE INDEX conversations_waiting ON conversations (tenant_id, team_id, (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END), queue_urgency, created_at, id COLLATE "C")
        WHERE assignee_id IS NULL AND status <> 'resolved';
      CREATE FUNCTION conversations_queue_urgency() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.queue_urgency := COALESCE(NEW.sla_check_at, NEW.created_at + 86400000)
            - COALESCE((SELECT vip FROM customers WHERE id = NEW.customer_id), 0) * 1800000 - NEW.upset * 1200000;
          RETURN NEW;
        END;
      $$;
      CREATE TRIGGER conversations_urgency BEFORE INSERT OR UPDATE OF sla_check_at, upset, customer_id, created_at ON conversations
        FOR EACH ROW EXECUTE FUNCTION conversations_queue_urgency();
      CREATE FUNCTION customers_vip_urgency() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE conversations SET queue_urgency = COALESCE(sla_check_at, created_at + 86400000) - NEW.vip * 1800000 - upset * 1200000 WHERE customer_id = NEW.id;
          RETURN NULL;
        END;
      $$;
      CREATE TRIGGER customers_vip_urgency AFTER UPDATE OF vip ON customers
        FOR EACH ROW WHEN (OLD.vip IS DISTINCT FROM NEW.vip) EXECUTE FUNCTION customers_vip_urgency();

      ALTER TABLE agents ADD COLUMN load_call integer NOT NULL DEFAULT 0;
      ALTER TABLE agents ADD COLUMN load_chat integer NOT NULL DEFAULT 0;
      ALTER TABLE agents ADD COLUMN load_email integer NOT NULL DEFAULT 0;
      UPDATE agents SET load_call = ${countOf("c.channel = 'voice'")}, load_chat = ${countOf("c.channel NOT IN ('voice', 'email')")},
        load_email = ${countOf("c.channel = 'email'")};
      ALTER TABLE agents ADD COLUMN capacity_call integer NOT NULL DEFAULT 1;
      ALTER TABLE agents ADD COLUMN capacity_chat integer NOT NULL DEFAULT 4;
      ALTER TABLE agents ADD COLUMN capacity_email integer NOT NULL DEFAULT 6;
      UPDATE agents SET ${KINDS.map((kind) => `capacity_${kind} = ${capacityOf('agents', kind)}`).join(', ')};
      ${KINDS.map((kind) => `CREATE INDEX agents_with_room_for_${kind} ON agents (tenant_id) WHERE role = 'agent' AND COALESCE(state, presence) = 'available' AND load_${kind} < capacity_${kind};`).join('\n      ')}
      CREATE FUNCTION agents_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${KINDS.map((kind) => `NEW.capacity_${kind} := ${capacityOf('NEW', kind)};`).join('\n          ')}
          RETURN NEW;
        END;
      $$;
      CREATE TRIGGER agents_capacity BEFORE INSERT OR UPDATE OF routing ON agents FOR EACH ROW EXECUTE FUNCTION agents_capacity();
      CREATE FUNCTION conversations_agent_loads() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') THEN
            ${loadChange('OLD', '-')}
          END IF;
          IF TG_OP IN ('UPDATE', 'INSERT') THEN
            ${loadChange('NEW', '+')}
          END IF;
          RETURN NULL;
        END;
      $$;
      CREATE TRIGGER conversations_load_on_insert_or_delete AFTER INSERT OR DELETE ON conversations
        FOR EACH ROW EXECUTE FUNCTION conversations_agent_loads();
      CREATE TRIGGER conversations_load_on_update AFTER UPDATE OF assignee_id, offer_agent_id, status, channel ON conversations
        FOR EACH ROW WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.offer_agent_id IS DISTINCT FROM NEW.offer_agent_id
          OR OLD.status IS DISTINCT FROM NEW.status OR OLD.channel IS DISTINCT FROM NEW.channel)
        EXECUTE FUNCTION conversations_agent_loads();
    `);
  },
};
