import type Database from 'better-sqlite3';
import type { MessageTemplate, TemplateChoice } from '../../../src-shared/domain/message-templates.js';
import type { ChannelDelivery } from '../../../src-shared/domain/model.js';
import type { ChannelAccount, ChannelAccountChange, ChannelContact, ChannelSend, ChannelSendChange, ChannelsRepository } from '../port/channels.js';
import { partsOf, withPart } from '../rows/send-parts.js';
import type { Synchronous } from './synchronous.js';

const ACCOUNT_COLUMNS = `id, tenant_id AS tenantId, provider, display_name AS displayName, team_id AS teamId,
  webhook_token AS webhookToken, credentials AS sealedCredentials, created_at AS createdAt, disconnected_at AS disconnectedAt`;
const CONTACT_COLUMNS = `account_id AS accountId, external_id AS externalId, tenant_id AS tenantId, customer_id AS customerId,
  conversation_id AS conversationId, last_inbound_at AS lastInboundAt`;
const SEND_COLUMNS = `s.message_id AS messageId, s.tenant_id AS tenantId, s.account_id AS accountId, s.recipient, s.state, s.attempts,
  s.next_attempt_at AS nextAttemptAt, s.provider_message_id AS providerMessageId, s.last_error AS lastError, s.created_at AS createdAt, s.updated_at AS updatedAt`;

/** Messaging-app accounts, contacts, the send outbox and replies' delivery states. */
export function createChannelsStore(db: Database.Database): Synchronous<ChannelsRepository> {
  const sql = {
    insertAccount: db.prepare(
      `INSERT INTO channel_accounts (id, tenant_id, provider, display_name, team_id, webhook_token, credentials, created_at)
       VALUES (@id, @tenantId, @provider, @displayName, @teamId, @webhookToken, @sealedCredentials, @createdAt)`,
    ),
    findAccount: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE id = ?`),
    findAccountByToken: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE webhook_token = ?`),
    listAccounts: db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM channel_accounts WHERE tenant_id = ? ORDER BY created_at, id`),
    updateAccount: db.prepare(
      `UPDATE channel_accounts SET display_name = COALESCE(@displayName, display_name), team_id = COALESCE(@teamId, team_id),
         credentials = COALESCE(@sealedCredentials, credentials) WHERE id = @id`,
    ),
    disconnectAccount: db.prepare("UPDATE channel_accounts SET disconnected_at = COALESCE(disconnected_at, ?), credentials = '' WHERE id = ?"),
    listQueuedSends: db.prepare(`SELECT ${SEND_COLUMNS} FROM channel_sends s WHERE s.account_id = ? AND s.state = 'queued' ORDER BY s.created_at, s.message_id`),
    findContact: db.prepare(`SELECT ${CONTACT_COLUMNS} FROM channel_contacts WHERE account_id = ? AND external_id = ?`),
    findContactOfConversation: db.prepare(`SELECT ${CONTACT_COLUMNS} FROM channel_contacts WHERE conversation_id = ? LIMIT 1`),
    saveContact: db.prepare(
      `INSERT INTO channel_contacts (account_id, external_id, tenant_id, customer_id, conversation_id, last_inbound_at)
       VALUES (@accountId, @externalId, @tenantId, @customerId, @conversationId, @lastInboundAt)
       ON CONFLICT (account_id, external_id) DO UPDATE SET
         customer_id = excluded.customer_id, conversation_id = excluded.conversation_id, last_inbound_at = excluded.last_inbound_at`,
    ),
    enqueueSend: db.prepare(
      `INSERT INTO channel_sends (message_id, tenant_id, account_id, recipient, state, attempts, next_attempt_at, created_at, updated_at, template)
       VALUES (@messageId, @tenantId, @accountId, @recipient, 'queued', 0, @at, @at, @at, @template)`,
    ),
    findSendTemplate: db.prepare('SELECT template FROM channel_sends WHERE message_id = ?').pluck(),
    deleteTemplates: db.prepare('DELETE FROM channel_templates WHERE account_id = ?'),
    insertTemplate: db.prepare(
      `INSERT INTO channel_templates (account_id, name, language, category, header, body, footer, parameter_count, fetched_at)
       VALUES (@accountId, @name, @language, @category, @header, @body, @footer, @parameterCount, @at)
       ON CONFLICT (account_id, name, language) DO NOTHING`,
    ),
    listTemplates: db.prepare(
      `SELECT name, language, category, header, body, footer, parameter_count AS parameterCount
         FROM channel_templates WHERE account_id = ? ORDER BY name, language`,
    ),
    // Only a recipient's oldest unsent reply (by the messages' order: time, then rowid) is ever due.
    listDue: db.prepare(
      `SELECT ${SEND_COLUMNS} FROM channel_sends s JOIN messages m ON m.id = s.message_id
        WHERE s.tenant_id = ? AND s.state IN ('queued', 'sending') AND s.next_attempt_at <= ?
          AND NOT EXISTS (
            SELECT 1 FROM channel_sends e JOIN messages em ON em.id = e.message_id
             WHERE e.account_id = s.account_id AND e.recipient = s.recipient AND e.state IN ('queued', 'sending')
               AND (em.created_at, em.rowid) < (m.created_at, m.rowid))
        ORDER BY s.next_attempt_at, s.message_id LIMIT ?`,
    ),
    claim: db.prepare("UPDATE channel_sends SET state = 'sending', attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE message_id = ?"),
    findSend: db.prepare(`SELECT ${SEND_COLUMNS} FROM channel_sends s WHERE s.message_id = ?`),
    nextDue: db.prepare("SELECT MIN(next_attempt_at) FROM channel_sends WHERE tenant_id = ? AND state IN ('queued', 'sending')").pluck(),
    inFlight: db.prepare("SELECT 1 FROM channel_sends WHERE account_id = ? AND state = 'sending' LIMIT 1").pluck(),
    updateSend: db.prepare(
      `UPDATE channel_sends SET state = @state, updated_at = @at,
         next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at),
         provider_message_id = COALESCE(@providerMessageId, provider_message_id),
         last_error = COALESCE(@lastError, last_error)
       WHERE message_id = @messageId`,
    ),
    setDelivery: db.prepare('UPDATE messages SET channel_delivery = ? WHERE id = ?'),
    findParts: db.prepare('SELECT sent_parts FROM channel_sends WHERE message_id = ?').pluck(),
    setParts: db.prepare('UPDATE channel_sends SET sent_parts = ?, updated_at = ? WHERE message_id = ?'),
  };
  const account = (row: unknown) => (row as ChannelAccount | undefined) ?? null;
  return {
    insertAccount(channelAccount: ChannelAccount): void {
      sql.insertAccount.run(channelAccount);
    },
    findAccount: (id: string) => account(sql.findAccount.get(id)),
    findAccountByWebhookToken: (webhookToken: string) => account(sql.findAccountByToken.get(webhookToken)),
    listAccounts: (tenantId: string) => sql.listAccounts.all(tenantId) as ChannelAccount[],
    updateAccount(id: string, change: ChannelAccountChange): void {
      const { displayName = null, teamId = null, sealedCredentials = null } = change;
      sql.updateAccount.run({ id, displayName, teamId, sealedCredentials });
    },
    disconnectAccount(id: string, at: number): void {
      sql.disconnectAccount.run(at, id);
    },
    listQueuedSends: (accountId: string) => sql.listQueuedSends.all(accountId) as ChannelSend[],
    findContact: (accountId: string, externalId: string) => (sql.findContact.get(accountId, externalId) as ChannelContact | undefined) ?? null,
    findContactOfConversation: (conversationId: string) => (sql.findContactOfConversation.get(conversationId) as ChannelContact | undefined) ?? null,
    saveContact(contact: ChannelContact): void {
      sql.saveContact.run(contact);
    },
    enqueueSend({ template, ...send }: { messageId: string; tenantId: string; accountId: string; recipient: string; at: number; template?: TemplateChoice }): void {
      sql.enqueueSend.run({ ...send, template: template ? JSON.stringify(template) : null });
    },
    findSendTemplate(messageId: string): TemplateChoice | null {
      const stored = sql.findSendTemplate.get(messageId) as string | null | undefined;
      return stored ? (JSON.parse(stored) as TemplateChoice) : null;
    },
    replaceTemplates(accountId: string, templates: readonly MessageTemplate[], at: number): void {
      sql.deleteTemplates.run(accountId);
      for (const template of templates) sql.insertTemplate.run({ ...template, accountId, at });
    },
    listTemplates: (accountId: string) => sql.listTemplates.all(accountId) as MessageTemplate[],
    claimDueSends(tenantId: string, at: number, claimUntil: number, limit: number): ChannelSend[] {
      const due = sql.listDue.all(tenantId, at, limit) as ChannelSend[];
      for (const send of due) sql.claim.run(claimUntil, at, send.messageId);
      return due;
    },
    findSend: (messageId: string) => (sql.findSend.get(messageId) as ChannelSend | undefined) ?? null,
    nextSendDueAt: (tenantId: string) => (sql.nextDue.get(tenantId) as number | null | undefined) ?? null,
    hasSendInFlight: (accountId: string) => sql.inFlight.get(accountId) !== undefined,
    updateSend(messageId: string, change: ChannelSendChange): void {
      const { state, at, nextAttemptAt = null, providerMessageId = null, lastError = null } = change;
      sql.updateSend.run({ messageId, state, at, nextAttemptAt, providerMessageId, lastError });
    },
    recordSendPart(messageId: string, part: number, providerMessageId: string, at: number): void {
      sql.setParts.run(JSON.stringify(withPart(partsOf(sql.findParts.get(messageId)), part, providerMessageId)), at, messageId);
    },
    findSendParts: (messageId: string) => partsOf(sql.findParts.get(messageId)),
    setMessageDelivery(messageId: string, delivery: ChannelDelivery): void {
      sql.setDelivery.run(JSON.stringify(delivery), messageId);
    },
  };
}
