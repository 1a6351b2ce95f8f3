import type { MessageTemplate, TemplateChoice } from '../../../src-shared/domain/message-templates.js';
import type { ChannelAccount, ChannelContact, ChannelSend, ChannelsRepository } from '../port/channels.js';
import { partsOf, withPart } from '../rows/send-parts.js';
import { rowsOf, type Query } from './query.js';

const ACCOUNT_COLUMNS = `id, tenant_id AS "tenantId", provider, display_name AS "displayName", team_id AS "teamId",
  webhook_token AS "webhookToken", credentials AS "sealedCredentials", created_at AS "createdAt", disconnected_at AS "disconnectedAt"`;
const CONTACT_COLUMNS = `account_id AS "accountId", external_id AS "externalId", tenant_id AS "tenantId", customer_id AS "customerId",
  conversation_id AS "conversationId", last_inbound_at AS "lastInboundAt"`;
const SEND_COLUMNS = `s.message_id AS "messageId", s.tenant_id AS "tenantId", s.account_id AS "accountId", s.recipient, s.state, s.attempts,
  s.next_attempt_at AS "nextAttemptAt", s.provider_message_id AS "providerMessageId", s.last_error AS "lastError", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/** Messaging-app accounts, contacts, the send outbox and replies' delivery states. */
export function channelsRepository(query: Query): ChannelsRepository {
  const first = async <Row extends object>(text: string, values: readonly unknown[]) => (await rowsOf<Row>(query, text, values))[0] ?? null;
  return {
    async insertAccount(account) {
      await query(
        `INSERT INTO channel_accounts (id, tenant_id, provider, display_name, team_id, webhook_token, credentials, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [account.id, account.tenantId, account.provider, account.displayName, account.teamId, account.webhookToken, account.sealedCredentials, account.createdAt],
      );
    },
    findAccount: (id) => first<ChannelAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = $1`, [id]),
    findAccountByWebhookToken: (token) => first<ChannelAccount>(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE webhook_token = $1`, [token]),
    listAccounts: (tenantId) =>
      rowsOf<ChannelAccount>(query, `SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE tenant_id = $1 ORDER BY created_at, id COLLATE "C"`, [tenantId]),
    async updateAccount(id, { displayName = null, teamId = null, sealedCredentials = null }) {
      await query(
        `UPDATE channel_accounts SET display_name = COALESCE($2, display_name), team_id = COALESCE($3, team_id),
           credentials = COALESCE($4, credentials) WHERE id = $1`,
        [id, displayName, teamId, sealedCredentials],
      );
    },
    async disconnectAccount(id, at) {
      await query("UPDATE channel_accounts SET disconnected_at = COALESCE(disconnected_at, $2), credentials = '' WHERE id = $1", [id, at]);
    },
    listQueuedSends: (accountId) =>
      rowsOf<ChannelSend>(query, `SELECT ${SEND_COLUMNS} FROM channel_sends s WHERE s.account_id = $1 AND s.state = 'queued' ORDER BY s.created_at, s.message_id COLLATE "C"`, [accountId]),
    findContact: (accountId, externalId) =>
      first<ChannelContact>(`SELECT ${CONTACT_COLUMNS} FROM channel_contacts WHERE account_id = $1 AND external_id = $2`, [accountId, externalId]),
    findContactOfConversation: (conversationId) =>
      first<ChannelContact>(`SELECT ${CONTACT_COLUMNS} FROM channel_contacts WHERE conversation_id = $1 LIMIT 1`, [conversationId]),
    async saveContact(contact) {
      await query(
        `INSERT INTO channel_contacts (account_id, external_id, tenant_id, customer_id, conversation_id, last_inbound_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, external_id) DO UPDATE SET
           customer_id = excluded.customer_id, conversation_id = excluded.conversation_id, last_inbound_at = excluded.last_inbound_at`,
        [contact.accountId, contact.externalId, contact.tenantId, contact.customerId, contact.conversationId, contact.lastInboundAt],
      );
    },
    async enqueueSend({ messageId, tenantId, accountId, recipient, at, template }) {
      await query(
        `INSERT INTO channel_sends (message_id, tenant_id, account_id, recipient, state, attempts, next_attempt_at, created_at, updated_at, template)
         VALUES ($1, $2, $3, $4, 'queued', 0, $5, $5, $5, $6)`,
        [messageId, tenantId, accountId, recipient, at, template ? JSON.stringify(template) : null],
      );
    },
    async findSendTemplate(messageId) {
      const row = await first<{ template: string | null }>('SELECT template FROM channel_sends WHERE message_id = $1', [messageId]);
      return row?.template ? (JSON.parse(row.template) as TemplateChoice) : null;
    },
    async replaceTemplates(accountId, templates, at) {
      await query('DELETE FROM channel_templates WHERE account_id = $1', [accountId]);
      for (const template of templates) {
        await query(
          `INSERT INTO channel_templates (account_id, name, language, category, header, body, footer, parameter_count, fetched_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (account_id, name, language) DO NOTHING`,
          [accountId, template.name, template.language, template.category, template.header, template.body, template.footer, template.parameterCount, at],
        );
      }
    },
    listTemplates: (accountId) =>
      rowsOf<MessageTemplate>(
        query,
        `SELECT name, language, category, header, body, footer, parameter_count AS "parameterCount"
           FROM channel_templates WHERE account_id = $1 ORDER BY name COLLATE "C", language COLLATE "C"`,
        [accountId],
      ),
    async claimDueSends(tenantId, at, claimUntil, limit) {
      // The rows as they were before the claim: a lapsed claim shows `sending`, a fresh one `queued`.
      return rowsOf<ChannelSend>(
        query,
        `WITH due AS (
           SELECT s.message_id FROM channel_sends s JOIN messages m ON m.id = s.message_id
            WHERE s.tenant_id = $1 AND s.state IN ('queued', 'sending') AND s.next_attempt_at <= $2
              AND NOT EXISTS (
                SELECT 1 FROM channel_sends e JOIN messages em ON em.id = e.message_id
                 WHERE e.account_id = s.account_id AND e.recipient = s.recipient AND e.state IN ('queued', 'sending')
                   AND (em.created_at, em.position) < (m.created_at, m.position))
            ORDER BY s.next_attempt_at, s.message_id COLLATE "C" LIMIT $4 FOR UPDATE OF s),
         before AS (SELECT ${SEND_COLUMNS} FROM channel_sends s WHERE s.message_id IN (SELECT message_id FROM due)),
         claimed AS (
           UPDATE channel_sends SET state = 'sending', attempts = attempts + 1, next_attempt_at = $3, updated_at = $2
            WHERE message_id IN (SELECT message_id FROM due))
         SELECT * FROM before ORDER BY "nextAttemptAt", "messageId" COLLATE "C"`,
        [tenantId, at, claimUntil, limit],
      );
    },
    findSend: (messageId) => first<ChannelSend>(`SELECT ${SEND_COLUMNS} FROM channel_sends s WHERE s.message_id = $1`, [messageId]),
    async nextSendDueAt(tenantId) {
      const [row] = await rowsOf<{ due: number | null }>(query, "SELECT MIN(next_attempt_at) AS due FROM channel_sends WHERE tenant_id = $1 AND state IN ('queued', 'sending')", [tenantId]);
      return row?.due ?? null;
    },
    async hasSendInFlight(accountId) {
      return (await query("SELECT 1 FROM channel_sends WHERE account_id = $1 AND state = 'sending' LIMIT 1", [accountId])).rowCount !== 0;
    },
    async updateSend(messageId, { state, at, nextAttemptAt = null, providerMessageId = null, lastError = null }) {
      await query(
        `UPDATE channel_sends SET state = $2, updated_at = $3,
           next_attempt_at = COALESCE($4, next_attempt_at),
           provider_message_id = COALESCE($5, provider_message_id),
           last_error = COALESCE($6, last_error)
         WHERE message_id = $1`,
        [messageId, state, at, nextAttemptAt, providerMessageId, lastError],
      );
    },
    async recordSendPart(messageId, part, providerMessageId, at) {
      const [row] = await rowsOf<{ sent_parts: string | null }>(query, 'SELECT sent_parts FROM channel_sends WHERE message_id = $1 FOR UPDATE', [messageId]);
      await query('UPDATE channel_sends SET sent_parts = $2, updated_at = $3 WHERE message_id = $1', [messageId, JSON.stringify(withPart(partsOf(row?.sent_parts), part, providerMessageId)), at]);
    },
    async findSendParts(messageId) {
      const [row] = await rowsOf<{ sent_parts: string | null }>(query, 'SELECT sent_parts FROM channel_sends WHERE message_id = $1', [messageId]);
      return partsOf(row?.sent_parts);
    },
    async setMessageDelivery(messageId, delivery) {
      await query('UPDATE messages SET channel_delivery = $2 WHERE id = $1', [messageId, JSON.stringify(delivery)]);
    },
  };
}
