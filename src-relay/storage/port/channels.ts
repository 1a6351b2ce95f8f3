import type { MessageTemplate, TemplateChoice } from '../../../src-shared/domain/message-templates.js';
import type { Channel, ChannelDelivery } from '../../../src-shared/domain/model.js';

/** A tenant's account on a messaging app: where its webhooks come in, which team answers, and its sealed credentials. */
export interface ChannelAccount {
  id: string;
  tenantId: string;
  provider: Channel;
  displayName: string;
  teamId: string;
  /** The random last part of the webhook address (`/channels/<provider>/<token>`). */
  webhookToken: string;
  /** The provider's credentials, encrypted by the relay (channels/credential-box.ts); never sent to desks. */
  sealedCredentials: string;
  createdAt: number;
  /** When an administrator disconnected it (its webhooks answer 404, nothing more is sent); absent or null while connected. */
  disconnectedAt?: number | null;
}

/** What an administrator may change on a connected account; what is absent stays. */
export interface ChannelAccountChange {
  displayName?: string;
  teamId?: string;
  sealedCredentials?: string;
}

/** Someone who wrote to an account: the provider's id for them, their customer and conversation, and when they last wrote. */
export interface ChannelContact {
  accountId: string;
  /** Whom the provider delivers replies to: a WhatsApp wa_id, a Telegram chat id. */
  externalId: string;
  tenantId: string;
  customerId: string;
  conversationId: string;
  /** When the user last wrote (the provider's time), for the provider's reply window. */
  lastInboundAt: number | null;
}

export type ChannelSendState = 'queued' | 'sending' | 'sent' | 'failed';

/** An agent's reply on its way out through a provider: the send outbox, one row per message. */
export interface ChannelSend {
  messageId: string;
  tenantId: string;
  accountId: string;
  recipient: string;
  /** `sending`: claimed by a sender, which calls the provider and then records the outcome. */
  state: ChannelSendState;
  attempts: number;
  /** When a queued send is due; for a claimed one, when its claim lapses (the sender died). */
  nextAttemptAt: number;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What a sender records about a send: its new state, and what it learnt. */
export interface ChannelSendChange {
  state: ChannelSendState;
  at: number;
  nextAttemptAt?: number;
  providerMessageId?: string | null;
  lastError?: string | null;
}

/** Messaging-app accounts, their contacts, the send outbox, and the delivery state of replies. */
export interface ChannelsRepository {
  insertAccount(account: ChannelAccount): Promise<void>;
  findAccount(id: string): Promise<ChannelAccount | null>;
  findAccountByWebhookToken(webhookToken: string): Promise<ChannelAccount | null>;
  /** In creation order, disconnected ones included. */
  listAccounts(tenantId: string): Promise<ChannelAccount[]>;
  updateAccount(id: string, change: ChannelAccountChange): Promise<void>;
  /** Marks the account disconnected at `at` and forgets its sealed credentials; the account and what refers to it stay. */
  disconnectAccount(id: string, at: number): Promise<void>;
  /** The account's replies waiting to be sent (`queued`, not one a sender is calling the provider with). */
  listQueuedSends(accountId: string): Promise<ChannelSend[]>;
  findContact(accountId: string, externalId: string): Promise<ChannelContact | null>;
  findContactOfConversation(conversationId: string): Promise<ChannelContact | null>;
  /** Inserts the contact, or replaces its conversation and last inbound time. */
  saveContact(contact: ChannelContact): Promise<void>;
  /** Queues a reply, due at once; a message is queued once (a second enqueue of it fails). `template`: the approved template it is, rather than free text. */
  enqueueSend(send: { messageId: string; tenantId: string; accountId: string; recipient: string; at: number; template?: TemplateChoice }): Promise<void>;
  /** The approved template a queued reply is; null for free text (or no such send). */
  findSendTemplate(messageId: string): Promise<TemplateChoice | null>;
  /** Replaces the account's approved templates with those the provider just listed, fetched at `at`. */
  replaceTemplates(accountId: string, templates: readonly MessageTemplate[], at: number): Promise<void>;
  /** The account's approved templates, by name then language. */
  listTemplates(accountId: string): Promise<MessageTemplate[]>;
  /**
   * The tenant's sends due at `at` (queued, or claimed and lapsed), oldest due first, as they were;
   * of each recipient's unsent replies only the oldest (in the order the messages were stored) is
   * ever due, so a recipient gets them in order whatever fails and is retried;
   * each is now `sending`, its attempts counted, its claim lasting until `claimUntil`. Call inside
   * a transaction named for the tenant, so two senders never claim the same row.
   */
  claimDueSends(tenantId: string, at: number, claimUntil: number, limit: number): Promise<ChannelSend[]>;
  /** When the tenant's next unsent reply falls due (a claimed one: when its claim lapses); null with none. A cheap read, outside any transaction, before claiming. */
  nextSendDueAt(tenantId: string): Promise<number | null>;
  findSend(messageId: string): Promise<ChannelSend | null>;
  /** Whether a sender of this account is calling the provider now (a claimed send). */
  hasSendInFlight(accountId: string): Promise<boolean>;
  updateSend(messageId: string, change: ChannelSendChange): Promise<void>;
  /** Records that the provider took part `part` of a reply sent in several messages, under its id. */
  recordSendPart(messageId: string, part: number, providerMessageId: string, at: number): Promise<void>;
  /** The provider's ids of a reply's parts taken so far, by part (null: not yet); empty for none. */
  findSendParts(messageId: string): Promise<(string | null)[]>;
  /** The delivery state shown on the message; written with its log event (ChangeSet.markDelivery). */
  setMessageDelivery(messageId: string, delivery: ChannelDelivery): Promise<void>;
}
