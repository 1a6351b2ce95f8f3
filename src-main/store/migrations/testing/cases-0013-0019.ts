import { expect } from 'vitest';
import { addAgentStates } from '../0013-add-agent-states.js';
import { addOffers } from '../0014-add-offers.js';
import { addCalls } from '../0015-add-calls.js';
import { addPhoneSettings } from '../0016-add-phone-settings.js';
import { addTeamNames } from '../0017-add-team-names.js';
import { addPendingWrapUps } from '../0018-add-pending-wrap-ups.js';
import { showEveryConversationColumn } from '../0019-show-every-conversation-column.js';
import { column, enqueue, insertConversation, insertMessage, rows, signIn, type CacheCase } from './cache-rows.js';

/** Agent states, offers, calls, phone settings, team names, wrap-ups, and the shown view that grows with its table. */
export const CASES_0013_0019: CacheCase[] = [
  {
    migration: addAgentStates,
    before(db) {
      db.exec("UPDATE session SET presence = 'away'");
    },
    schema: { altered: ['table session + state TEXT + state_reason TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT presence, state, state_reason FROM session')).toEqual([{ presence: 'away', state: null, state_reason: null }]);
      db.exec("UPDATE session SET state = 'after_call_work'");
      // `presence` keeps its CHECK: only the state says more than available or away.
      expect(() => db.exec("UPDATE session SET presence = 'busy'")).toThrow(/CHECK/);
    },
  },
  {
    migration: addOffers,
    before(db) {
      insertConversation(db, 'c1', { status: 'pending' });
    },
    schema: { altered: ['table conversations + offer TEXT', 'view shown_conversations + offer'] },
    after(db) {
      expect(rows(db, 'SELECT id, status, offer FROM shown_conversations')).toEqual([{ id: 'c1', status: 'pending', offer: null }]);
      db.exec(`UPDATE conversations SET offer = '{"agentId":"mei","expiresAt":9}'`);
      expect(column(db, 'SELECT offer FROM shown_conversations')).toEqual(['{"agentId":"mei","expiresAt":9}']);
    },
  },
  {
    migration: addCalls,
    before(db) {
      insertMessage(db, 'm1', 'hello');
    },
    schema: { altered: ['table messages + call TEXT'] },
    after(db) {
      expect(rows(db, 'SELECT id, body, call FROM messages')).toEqual([{ id: 'm1', body: 'hello', call: null }]);
    },
  },
  {
    migration: addPhoneSettings,
    schema: { created: ['table phone_settings(agent_id TEXT PK, sip_json TEXT NOT NULL, sealed_password TEXT NOT NULL)'] },
    after(db) {
      db.exec(`INSERT INTO phone_settings VALUES ('mei', '{"uri":"sip:mei@pbx"}', 'sealed')`);
      expect(() => db.exec(`INSERT INTO phone_settings VALUES ('mei', '{}', 'other')`)).toThrow(/UNIQUE|PRIMARY/);
      expect(rows(db, 'SELECT agent_id, sealed_password FROM phone_settings')).toEqual([{ agent_id: 'mei', sealed_password: 'sealed' }]);
    },
  },
  {
    migration: addTeamNames,
    before(db) {
      db.exec(`UPDATE session SET colleagues_json = '[{"id":"bob"}]'`);
    },
    schema: { altered: ["table session + teams_json TEXT NOT NULL DEFAULT '[]'"] },
    after(db) {
      expect(rows(db, 'SELECT colleagues_json, teams_json FROM session')).toEqual([{ colleagues_json: '[{"id":"bob"}]', teams_json: '[]' }]);
    },
  },
  {
    migration: addPendingWrapUps,
    schema: {
      created: [
        'index pending_wrap_ups_by_agent ON pending_wrap_ups(agent_id, created_at)',
        'table pending_wrap_ups(id TEXT PK, agent_id TEXT NOT NULL, conversation_id TEXT, call_json TEXT NOT NULL, created_at INTEGER NOT NULL)',
      ],
    },
    after(db) {
      db.exec(`INSERT INTO pending_wrap_ups VALUES ('w2', 'mei', NULL, '{}', 2), ('w1', 'mei', 'c1', '{}', 1), ('w3', 'bob', NULL, '{}', 0)`);
      const mine = "SELECT id FROM pending_wrap_ups WHERE agent_id = 'mei' ORDER BY created_at";
      expect(column(db, mine)).toEqual(['w1', 'w2']);
      expect(JSON.stringify(rows(db, `EXPLAIN QUERY PLAN ${mine}`))).toContain('pending_wrap_ups_by_agent');
    },
  },
  {
    migration: showEveryConversationColumn,
    before(db) {
      signIn(db, 'mei');
      insertConversation(db, 'c1', { assigneeId: null, status: 'open' });
      insertConversation(db, 'c2', { assigneeId: 'bob', status: 'pending' });
      db.exec(`UPDATE conversations SET labels = '["billing"]', sla = '{"policyId":"chat"}', vip = 1, offer = '{"agentId":"mei","expiresAt":9}' WHERE id = 'c1'`);
      enqueue(db, 'conversation.claim', 'c1');
      enqueue(db, 'conversation.setStatus', 'c1', { status: 'resolved' });
      enqueue(db, 'conversation.setLabels', 'c1', { labels: ['refund'] });
      db.exec("INSERT INTO conversation_insights VALUES ('c2', 'refund', 'Refund', 'negative', 2, 'th', 1)");
    },
    schema: {
      altered: [
        'view shown_conversations + shown_assignee_id + shown_status + shown_labels + insight_intent + insight_intent_label + insight_sentiment + insight_priority + insight_language' +
          ' - intent - intent_label - sentiment - priority - written_language',
      ],
    },
    after(db) {
      const relayRow = { customer_name: 'Nok', channel: 'webchat', team_id: 'apac', language: 'th', market: 'TH', created_at: 1, updated_at: 2, last_message_at: 3, last_message_preview: 'hello' };
      // Every column of the relay's row as it is, our pending changes beside it, then the insights.
      expect(rows(db, 'SELECT * FROM shown_conversations ORDER BY id')).toEqual([
        {
          ...{ id: 'c1', customer_id: 'cu-c1', assignee_id: null, status: 'open', labels: '["billing"]', sla: '{"policyId":"chat"}', vip: 1, offer: '{"agentId":"mei","expiresAt":9}' },
          ...relayRow,
          ...{ shown_assignee_id: 'mei', shown_status: 'resolved', shown_labels: '["refund"]' },
          ...{ insight_intent: null, insight_intent_label: null, insight_sentiment: null, insight_priority: 0, insight_language: null },
        },
        {
          ...{ id: 'c2', customer_id: 'cu-c2', assignee_id: 'bob', status: 'pending', labels: '[]', sla: null, vip: 0, offer: null },
          ...relayRow,
          ...{ shown_assignee_id: 'bob', shown_status: 'pending', shown_labels: '[]' },
          ...{ insight_intent: 'refund', insight_intent_label: 'Refund', insight_sentiment: 'negative', insight_priority: 2, insight_language: 'th' },
        },
      ]);
      // A column added to the table later shows through the view as it stands.
      db.exec("ALTER TABLE conversations ADD COLUMN channel_account TEXT NOT NULL DEFAULT 'line-jp'");
      expect(rows(db, 'SELECT id, channel_account, shown_status FROM shown_conversations ORDER BY id')).toEqual([
        { id: 'c1', channel_account: 'line-jp', shown_status: 'resolved' },
        { id: 'c2', channel_account: 'line-jp', shown_status: 'pending' },
      ]);
    },
  },
];
