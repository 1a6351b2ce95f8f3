import { expect } from 'vitest';
import { addStoredRoutingOrderAndLoads } from '../0023-add-stored-routing-order-and-loads.js';
import { insertConversation, rows, type PostgresCase } from './postgres-rows.js';

/** PostgreSQL prints the index's kind of work on lines of its own. */
const WORK_KIND_AS_PRINTED = `
CASE channel
    WHEN 'voice'::text THEN 'call'::text
    WHEN 'email'::text THEN 'email'::text
    ELSE 'chat'::text
END`;
const LOADS = "SELECT load_call, load_chat, load_email FROM agents WHERE id = 'ann'";
const HEAD = `SELECT id FROM conversations WHERE tenant_id = 't1' AND team_id = 'team' AND (CASE channel WHEN 'voice' THEN 'call' WHEN 'email' THEN 'email' ELSE 'chat' END) = 'chat' AND assignee_id IS NULL AND status <> 'resolved'
  ORDER BY queue_urgency, created_at, id COLLATE "C" LIMIT 5`;

/** SQLite's case for 0034: filled in for what is there, then kept by triggers as rows change. */
export const POSTGRES_ROUTING_ORDER_AND_LOADS_CASES: PostgresCase[] = [
  {
    migration: addStoredRoutingOrderAndLoads,
    async before(db) {
      await insertConversation(db);
      await db.pool.query("UPDATE customers SET vip = 1 WHERE id = 'cu'");
      await db.pool.query("UPDATE conversations SET sla_check_at = 5000000 WHERE id = 'c1'");
    },
    schema: {
      created: [
        ...['call', 'chat', 'email'].map(
          (kind) => `index agents_with_room_for_${kind} ON agents(tenant_id) WHERE ((role = 'agent'::text) AND (COALESCE(state, presence) = 'available'::text) AND (load_${kind} < capacity_${kind}))`,
        ),
        'function agents_capacity()',
        'function conversations_agent_loads()',
        'function conversations_queue_urgency()',
        'function customers_vip_urgency()',
        `index conversations_waiting ON conversations(tenant_id, team_id, (${WORK_KIND_AS_PRINTED}), queue_urgency, created_at, id COLLATE "C") WHERE ((assignee_id IS NULL) AND (status <> 'resolved'::text))`,
        'trigger agents_capacity ON agents',
        'trigger conversations_load_on_insert_or_delete ON conversations',
        'trigger conversations_load_on_update ON conversations',
        'trigger conversations_urgency ON conversations',
        'trigger customers_vip_urgency ON customers',
      ],
      altered: [
        'table agents + load_call integer NOT NULL DEFAULT 0 + load_chat integer NOT NULL DEFAULT 0 + load_email integer NOT NULL DEFAULT 0 + capacity_call integer NOT NULL DEFAULT 1 + capacity_chat integer NOT NULL DEFAULT 4 + capacity_email integer NOT NULL DEFAULT 6',
        'table conversations + queue_urgency bigint NOT NULL DEFAULT 0',
      ],
    },
    async after(db) {
      const q = (sql: string) => db.pool.query(sql);
      expect(await rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 1, load_email: 0 }]);
      expect(await rows(db, "SELECT queue_urgency::int AS u FROM conversations WHERE id = 'c1'")).toEqual([{ u: 5_000_000 - 1_800_000 }]);
      await q("INSERT INTO customers (id, tenant_id, name, language, market, created_at) VALUES ('cv', 't1', 'Ana', 'pt', NULL, 0)");
      await q(`INSERT INTO conversations (id, tenant_id, customer_id, channel, team_id, assignee_id, status, language, market, created_at, updated_at, last_message_at, last_message_preview, upset)
          VALUES ('c2', 't1', 'cv', 'email', 'team', NULL, 'open', 'pt', NULL, 10, 10, 10, 'hi', 1)`);
      expect(await rows(db, "SELECT queue_urgency::int AS u FROM conversations WHERE id = 'c2'")).toEqual([{ u: 10 + 86_400_000 - 1_200_000 }]);
      await q("UPDATE conversations SET offer_agent_id = 'ann', offer_expires_at = 99 WHERE id = 'c2'");
      expect(await rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 1, load_email: 1 }]);
      await q("UPDATE conversations SET status = 'resolved' WHERE id = 'c1'");
      await q("UPDATE conversations SET assignee_id = 'ann', offer_agent_id = NULL WHERE id = 'c2'");
      expect(await rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 0, load_email: 1 }]);
      await q("UPDATE customers SET vip = 1 WHERE id = 'cv'");
      await q("UPDATE conversations SET upset = 0 WHERE id = 'c2'");
      expect(await rows(db, "SELECT queue_urgency::int AS u FROM conversations WHERE id = 'c2'")).toEqual([{ u: 10 + 86_400_000 - 1_800_000 }]);
      await q("DELETE FROM messages");
      await q("DELETE FROM conversations WHERE id = 'c2'");
      expect(await rows(db, LOADS)).toEqual([{ load_call: 0, load_chat: 0, load_email: 0 }]);
      // Capacity: the defaults without a profile, the profile's once it has one.
      const capacity = "SELECT capacity_call, capacity_chat, capacity_email FROM agents WHERE id = 'ann'";
      expect(await rows(db, capacity)).toEqual([{ capacity_call: 1, capacity_chat: 4, capacity_email: 6 }]);
      await q(`UPDATE agents SET routing = '{"skills":[],"capacity":{"call":0,"chat":2,"email":9},"translates":true}' WHERE id = 'ann'`);
      expect(await rows(db, capacity)).toEqual([{ capacity_call: 0, capacity_chat: 2, capacity_email: 9 }]);
      const client = await db.pool.connect();
      try {
        // A table this small is scanned whatever its indexes; with scans off, the plan shows whether the index can serve.
        await client.query('SET enable_seqscan = off');
        expect(JSON.stringify((await client.query(`EXPLAIN ${HEAD}`)).rows)).toContain('conversations_waiting');
      } finally {
        client.release();
      }
    },
  },
];
