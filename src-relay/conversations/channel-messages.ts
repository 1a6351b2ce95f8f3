import { randomUUID } from 'node:crypto';
import { advancesDelivery } from '../../src-shared/domain/channel-rules.js';
import { LanguageTag, type ChannelDelivery, type Conversation, type Message, type Team } from '../../src-shared/domain/model.js';
import { wellFormed } from '../../src-shared/domain/text.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import { inCommit, isWorking, routed } from '../routing/assignment.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { customerForChannelUser, recordChannelCustomer } from '../customers/channel-users.js';
import { noticeSaidPhones } from '../customers/said-phones.js';
import { afterCustomerMessage } from './customer-chat.js';
import { pendingFilesOf, recordInboundMedia } from './channel-media.js';

/**
 * What users write on messaging apps (WhatsApp, Telegram, ...) and what the providers say of our
 * replies, once an adapter (src-relay/channels) has checked the webhook's signature and parsed it.
 */

/** A message a user wrote on a messaging app. */
export interface ChannelInbound {
  /** The provider's id for the message, unique within the account; a redelivery carries the same. */
  providerMessageId: string;
  /** Whom replies go to: a WhatsApp wa_id, a Telegram chat id. */
  externalUserId: string;
  displayName: string;
  /** The user's language when the provider tells it (Telegram's language_code). */
  language: string | null;
  body: string;
  /** When the user sent it, by the provider's clock; the reply window counts from here. */
  sentAt: number;
  /** Files as the provider names them (the adapter's parse); fetched after the message is stored (channel-media.ts). */
  media?: InboundMedia[];
}

/** A file a user sent, as the provider refers to it: fetched after the message is stored. */
export interface InboundMedia {
  /** The provider's handle for it: a WhatsApp media id, a Telegram file_id. */
  ref: string;
  /** As the user named it, or made up from its kind ("photo.jpg"). */
  name: string;
  mediaType: string | null;
  /** As the provider declares it, when it does: a file over the limits is not fetched at all. */
  size: number | null;
}

/** What the provider says of one of our replies. */
export interface ChannelStatus {
  providerMessageId: string;
  delivery: ChannelDelivery;
}

/**
 * What a provider says of all our replies to one user up to a point, naming none of them
 * (Messenger's delivery and read watermarks, Instagram's read of a message "and those before it").
 */
export interface ChannelWatermark {
  externalUserId: string;
  /** `delivered` or `read`, at the provider's time. */
  delivery: ChannelDelivery;
  /** Replies sent up to this time (the provider's clock), or up to and including this reply of ours. */
  upTo: { at: number } | { providerMessageId: string };
}

/** One webhook's worth: messages in, statuses of replies. */
export interface ChannelWebhook {
  messages: ChannelInbound[];
  statuses: ChannelStatus[];
  watermarks?: ChannelWatermark[];
}

export interface ChannelReceipt {
  stored: number;
  duplicates: number;
  statuses: number;
  /** Statuses of no message known (yet): the provider may call before the sender has recorded its answer. */
  unmatched: number;
  /**
   * Some status matched nothing while a send of the account was under way, as this same
   * transaction saw it: its record may be what the status names, so the provider should ask again.
   */
  askAgain?: true;
}

/** How a provider's id is remembered: within its account, as two accounts' ids may meet (Telegram's per-chat numbers). */
export function providerKey(accountId: string, providerMessageId: string): string {
  return `${accountId}:${providerMessageId}`;
}

/**
 * Stores the webhook's messages and statuses in one commit. Each message is stored once: its
 * provider id is looked up and recorded in the commit's transaction, and a tenant's commits run
 * one at a time, so two deliveries of the same message (a provider's retry racing the first)
 * cannot both store it.
 */
export async function receiveChannelWebhook(core: RelayCore, account: ChannelAccount, webhook: ChannelWebhook): Promise<ChannelReceipt> {
  const receipt: ChannelReceipt = { stored: 0, duplicates: 0, statuses: 0, unmatched: 0 };
  const watermarks = webhook.watermarks ?? [];
  if (webhook.messages.length === 0 && webhook.statuses.length === 0 && watermarks.length === 0) return receipt;
  return core.commit(account.tenantId, async (changes) => {
    for (const inbound of webhook.messages) {
      if (await storeInbound(core, changes, account, inbound)) receipt.stored++;
      else receipt.duplicates++;
    }
    for (const status of webhook.statuses) {
      const applied = await applyStatus(changes, account, status);
      if (applied === 'unmatched') receipt.unmatched++;
      else if (applied) receipt.statuses++;
    }
    for (const watermark of watermarks) {
      const applied = await applyWatermark(changes, account, watermark);
      receipt.statuses += applied.marked;
      if (applied.unmatched) receipt.unmatched++;
    }
    // Asked in the transaction that looked the statuses up, not after it: a send recorded in
    // between would otherwise be neither found nor in flight, and the status lost.
    if (receipt.unmatched > 0 && (await changes.store.channels.hasSendInFlight(account.id))) receipt.askAgain = true;
    return receipt;
  });
}

/** False for a message stored before. A user's message goes to their conversation on this account (reopened if need be), or starts one. */
async function storeInbound(core: RelayCore, changes: ChangeSet, account: ChannelAccount, inbound: ChannelInbound): Promise<boolean> {
  const key = providerKey(account.id, inbound.providerMessageId);
  if (await changes.store.conversations.findProviderMessage(changes.tenantId, account.provider, key)) return false;
  const contact = await changes.store.channels.findContact(account.id, inbound.externalUserId);
  const known = contact ? await changes.store.conversations.findConversation(changes.tenantId, contact.conversationId) : null;
  const { conversation, message } = known ? await continueConversation(core, changes, known, inbound) : await openConversation(core, changes, account, inbound);
  await changes.addMessage(message, conversation, null);
  await changes.store.conversations.insertProviderMessage(changes.tenantId, account.provider, key, message.id);
  if (inbound.media?.length) await recordInboundMedia(changes, account, message.id, inbound.media);
  await noticeSaidPhones(changes, conversation, inbound.body);
  await changes.store.channels.saveContact({
    accountId: account.id,
    externalId: inbound.externalUserId,
    tenantId: changes.tenantId,
    customerId: conversation.customerId,
    conversationId: conversation.id,
    lastInboundAt: Math.max(contact?.lastInboundAt ?? 0, inbound.sentAt),
  });
  return true;
}

/** The user's message, and their conversation as it stands with it (not yet stored: the caller adds the message). */
interface CustomerTurn {
  conversation: Conversation;
  message: Message;
}

function customerMessage(conversation: Conversation, inbound: ChannelInbound, at: number): Message {
  return {
    id: randomUUID(),
    conversationId: conversation.id,
    author: 'customer',
    authorId: conversation.customerId,
    authorName: conversation.customerName,
    body: wellFormed(inbound.body),
    createdAt: at,
    internal: false,
    original: null,
    ...(inbound.media?.length ? { pendingFiles: pendingFilesOf(inbound.media) } : {}),
  };
}

/** A known user's conversation moves on with their message: reopened, and routed again if its agent has gone. */
async function continueConversation(core: RelayCore, changes: ChangeSet, conversation: Conversation, inbound: ChannelInbound): Promise<CustomerTurn> {
  const message = customerMessage(conversation, inbound, changes.at);
  const next = await afterCustomerMessage(core, changes, conversation, message);
  await changes.changeConversation(conversation, next);
  if (next.assigneeId !== null && next.assigneeId !== conversation.assigneeId) await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
  return { conversation: next, message };
}

/**
 * A new user gets a conversation on the account's channel, routed to its team (queued while the
 * team is closed): as the customer their verified phone proves them to be, or as a new customer.
 * The conversation is stored once, with the message already on it, and the tenant's teams are
 * read once: a new user's webhook is the costliest there is (docs/channels.md, "Throughput").
 */
async function openConversation(core: RelayCore, changes: ChangeSet, account: ChannelAccount, inbound: ChannelInbound): Promise<CustomerTurn> {
  const teams = await changes.store.accounts.listTeams(changes.tenantId);
  const team = teams.find((candidate) => candidate.id === account.teamId);
  const statedLanguage = LanguageTag.safeParse(inbound.language).success && inbound.language ? inbound.language : null;
  const user = { externalId: inbound.externalUserId, name: inbound.displayName, statedLanguage, teamLanguage: team?.languages[0] ?? 'en' };
  const customer = await customerForChannelUser(changes, account, user);
  const routedConversation = await routedNewConversation(core, changes, account, customer, team);
  const message = customerMessage(routedConversation, inbound, changes.at);
  const conversation = await afterCustomerMessage(core, changes, routedConversation, message, teams);
  await addRoutedConversation(changes, conversation);
  await recordChannelCustomer(changes, customer, conversation);
  return { conversation, message };
}

/** The customer a new conversation on a channel account is for. */
export interface NewConversationCustomer {
  id: string;
  name: string;
  language: string;
  market: string | null;
  vip: boolean;
}

/**
 * A new conversation on the account's channel, routed to its team (queued while the team is
 * closed), logged, and counted on its assignee: the same start for every channel, email included.
 */
/** `owner`: the agent who starts it (a new mail to a customer), who holds it at once instead of routing. */
export async function openRoutedConversation(core: RelayCore, changes: ChangeSet, account: ChannelAccount, customer: NewConversationCustomer, owner: string | null = null): Promise<Conversation> {
  const team = owner === null ? (await changes.store.accounts.listTeams(changes.tenantId)).find((candidate) => candidate.id === account.teamId) : undefined;
  const conversation = await routedNewConversation(core, changes, account, customer, team, owner);
  await addRoutedConversation(changes, conversation);
  return conversation;
}

/** A new conversation of the customer on the account's channel, as routing leaves it (to an agent of `team` if it works now); not stored. */
async function routedNewConversation(core: RelayCore, changes: ChangeSet, account: ChannelAccount, customer: NewConversationCustomer, team: Team | undefined, owner: string | null = null): Promise<Conversation> {
  const unassigned: Conversation = {
    id: randomUUID(),
    customerId: customer.id,
    customerName: customer.name,
    channel: account.provider,
    teamId: account.teamId,
    assigneeId: null,
    status: 'open',
    language: customer.language,
    market: customer.market,
    ...(customer.vip ? { vip: true } : {}),
    createdAt: changes.at,
    updatedAt: changes.at,
    lastMessageAt: changes.at,
    lastMessagePreview: '',
  };
  if (owner !== null) return { ...unassigned, assigneeId: owner };
  const open = team !== undefined && isWorking(team, core.holidays, changes.at);
  return open ? routed(inCommit(core, changes), changes.tenantId, unassigned, changes.at) : unassigned;
}

/** Stores and logs a new conversation, counted on its assignee. */
async function addRoutedConversation(changes: ChangeSet, conversation: Conversation): Promise<void> {
  await changes.addConversation(conversation);
  if (conversation.assigneeId !== null) await changes.store.accounts.markAssigned(conversation.assigneeId, changes.at);
}

/** A status of one of our replies, when it tells more than the reply shows (providers' callbacks come out of order). */
async function applyStatus(changes: ChangeSet, account: ChannelAccount, status: ChannelStatus): Promise<boolean | 'unmatched'> {
  const messageId = await changes.store.conversations.findProviderMessage(changes.tenantId, account.provider, providerKey(account.id, status.providerMessageId));
  return messageId === null ? 'unmatched' : markDelivered(changes, messageId, status.delivery);
}

/** Puts `delivery` on an agent's reply, logged where the reply is seen, if it tells more than what the reply shows. */
export async function markDelivered(changes: ChangeSet, messageId: string, delivery: ChannelDelivery): Promise<boolean> {
  const stored = await changes.store.conversations.findMessage(messageId);
  if (!stored || stored.message.author !== 'agent' || !advancesDelivery(stored.message.channelDelivery, delivery)) return false;
  const conversation = await changes.store.conversations.findConversation(changes.tenantId, stored.message.conversationId);
  if (!conversation) return false;
  await changes.markDelivery(stored.message, conversation, delivery);
  return true;
}

/** The newest replies a watermark looks at: far more than a customer leaves unread. */
const WATERMARK_REACH = 100;

/**
 * Marks the user's replies up to the watermark. A reply counts as sent before the watermark's
 * time when it was written before it and the provider has taken it (clocks agree closely enough:
 * a reply is stored before it is sent). Unmatched: the watermark covers a reply whose send is
 * still being recorded, or names a reply not known yet, so the provider should ask again.
 */
async function applyWatermark(changes: ChangeSet, account: ChannelAccount, watermark: ChannelWatermark): Promise<{ marked: number; unmatched: boolean }> {
  const contact = await changes.store.channels.findContact(account.id, watermark.externalUserId);
  if (!contact) return { marked: 0, unmatched: false };
  let upTo: number;
  if ('at' in watermark.upTo) upTo = watermark.upTo.at;
  else {
    const named = await changes.store.conversations.findProviderMessage(changes.tenantId, account.provider, providerKey(account.id, watermark.upTo.providerMessageId));
    const stored = named === null ? null : await changes.store.conversations.findMessage(named);
    if (!stored) return { marked: 0, unmatched: true };
    upTo = stored.message.createdAt;
  }
  let marked = 0;
  let unmatched = false;
  for (const { message } of await changes.store.conversations.listPublicMessages(contact.conversationId, WATERMARK_REACH)) {
    if (message.author !== 'agent' || !message.channelDelivery || message.createdAt > upTo) continue;
    if (message.channelDelivery.state === 'queued') unmatched = true;
    // Most replies a watermark covers were marked by an earlier one: skip them without a read.
    else if (advancesDelivery(message.channelDelivery, watermark.delivery) && (await markDelivered(changes, message.id, watermark.delivery))) marked++;
  }
  return { marked, unmatched };
}
