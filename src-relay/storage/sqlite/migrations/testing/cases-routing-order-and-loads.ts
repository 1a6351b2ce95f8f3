import { expect } from 'vitest';
import { addStoredRoutingOrderAndLoads } from '../0034-add-stored-routing-order-and-loads.js';
import { insertConversation, rows, usesIndex, type RelayCase } from './relay-rows.js';

const LOADS = "SELECT load_call, load_chat, load_email FROM agents WHERE id = 'ann'";
const HEAD = "SELECT id FROM conversations WHERE tenant_id = 't1' AND team_id = 'team' AND (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END) = 'chat' AND assignee_id IS NULL AND status <> 'resolved' ORDER BY queue_urgency, created_at, id LIMIT 5";

/** The queue's urgency and the agents' loads are filled in for what is there, then kept by triggers as rows change. */
export const CASES_ROUTING_ORDER_AND_LOADS: RelayCase[] = [
  {
    migration: addStoredRoutingOrderAndLoads,
    before(db) {
      insertConversation(db);
      db.exec("UPDATE customers SET vip = 1 WHERE id = 'cu'; UPDATE conversations SET sla_check_at = 5000000 WHERE id = 'c1'");
    },
    schema: {
      created: [
        "index agents_with_room_for_call ON agents(tenant_id) WHERE role = 'agent' AND COALESCE(state, presence) = 'available' AND load_call < capacity_call",
        "index agents_with_room_for_chat ON agents(tenant_id) WHERE role = 'agent' AND COALESCE(state, presence) = 'available' AND load_chat < capacity_chat",
        "index agents_with_room_for_email ON agents(tenant_id) WHERE role = 'agent' AND COALESCE(state, presence) = 'available' AND load_email < capacity_email",
        "index conversations_waiting ON conversations(tenant_id, team_id, (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END), queue_urgency, created_at, id) WHERE assignee_id IS NULL AND status <> 'resolved'",
        'trigger agents_capacity_on_insert ON agents',
        'trigger agents_capacity_on_update ON agents',
        'trigger conversations_load_on_delete ON conversations',
        'trigger conversations_load_on_insert ON conversations',
        'trigger conversations_load_on_update ON conversations',
        'trigger conversations_urgency_on_insert ON conversations',
        'trigger conversations_urgency_on_update ON conversations',
        'trigger customers_vip_urgency ON customers',
      ],
      altered: [
        'table agents + load_call INTEGER NOT NULL DEFAULT 0 + load_chat INTEGER NOT NULL DEFAULT 0 + load_email INTEGER NOT NULL DEFAULT 0 + capacity_call INTEGER NOT NULL DEFAULT 1 + capacity_chat INTEGER NOT NULL DEFAULT 4 + capacity_email INTEGER NOT NULL DEFAULT 6',
        'table conversations + queue_urgency INTEGER NOT NULL DEFAULT 0',
      ],
    },
    after(db) {
      // Backfilled: the open chat counts against ann; c1 is due at 5,000,000, brought forward 30 minutes for a VIP.
      expect(rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 1, load_email: 0 }]);
      expect(rows(db, "SELECT queue_urgency FROM conversations WHERE id = 'c1'")).toEqual([{ queue_urgency: 5_000_000 - 1_800_000 }]);
      db.exec(`INSERT INTO customers (id, tenant_id, name, language, market, created_at) VALUES ('cv', 't1', 'Ana', 'pt', NULL, 0);
        INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview, upset)
          VALUES ('c2', 't1', 'cv', 'email', 'team', NULL, 'open', 'pt', NULL, 10, 10, 10, 'hi', 1);`);
      expect(rows(db, "SELECT queue_urgency FROM conversations WHERE id = 'c2'")).toEqual([{ queue_urgency: 10 + 86_400_000 - 1_200_000 }]);
      db.exec("UPDATE conversations SET offer_agent_id = 'ann', offer_expires_at = 99 WHERE id = 'c2'");
      expect(rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 1, load_email: 1 }]);
      db.exec("UPDATE conversations SET status = 'resolved' WHERE id = 'c1'; UPDATE conversations SET assignee_id = 'ann', offer_agent_id = NULL WHERE id = 'c2'");
      expect(rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 0, load_email: 1 }]);
      db.exec("UPDATE customers SET vip = 1 WHERE id = 'cv'; UPDATE conversations SET upset = 0 WHERE id = 'c2'");
      expect(rows(db, "SELECT queue_urgency FROM conversations WHERE id = 'c2'")).toEqual([{ queue_urgency: 10 + 86_400_000 - 1_800_000 }]);
      db.exec("DELETE FROM messages; DELETE FROM conversations WHERE id = 'c2'");
      expect(rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 0, load_email: 0 }]);
      expect(usesIndex(db, 'conversations_waiting', HEAD)).toBe(true);
      // Capacity: the defaults without a profile, the profile's once it has one.
      expect(rows(db, "SELECT capacity_call, capacity_chat, capacity_email FROM agents WHERE id = 'ann'")).toEqual([{ capacity_call: 1, capacity_chat: 4, capacity_email: 6 }]);
      db.exec(`UPDATE agents SET routing = '{"skills":[],"capacity":{"call":0,"chat":2,"email":9},"translates":true}' WHERE id = 'ann'`);
      expect(rows(db, "SELECT capacity_call, capacity_chat, capacity_email FROM agents WHERE id = 'ann'")).toEqual([{ capacity_call: 0, capacity_chat: 2, capacity_email: 9 }]);
    },
  },
];
