import { messagingRulesOf, replyQuotaAllows, repliesSinceCustomer, replyWindow, textFits, type MessagingRules } from '../../src-shared/domain/channel-rules.js';
import { smsLengthRefusal } from '../../src-shared/domain/sms-segments.js';
import type { TemplateChoice } from '../../src-shared/domain/message-templates.js';
import type { ChannelDelivery, ChannelFailure, Conversation } from '../../src-shared/domain/model.js';
import { cutAtGrapheme } from '../../src-shared/domain/text.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { Refusal } from '../relay-rule.js';
import type { ChannelSend } from '../storage/port/channels.js';
import { markDelivered, providerKey } from './channel-messages.js';
import { templateRefusal } from './template-replies.js';

/**
 * An agent's reply to a conversation on a messaging app: checked against the provider's rules
 * before it is stored, queued for the provider in the same transaction (the send outbox,
 * src-relay/channels/send-queue.ts sends it), and its fate recorded on the message.
 */

/** Where a reply goes: the account and the provider's id for the user. */
export interface ChannelRoute {
  accountId: string;
  recipient: string;
}

/**
 * The route of a reply to `conversation`, null when it is not on a connected messaging app (web
 * chat, or the demo's sample history); a refusal when the provider would not take it: its length
 * limit, its reply window (Messenger's and Instagram's 7 days with the human-agent tag after their
 * 24 hours; after WhatsApp's 24 hours only an approved template, `template`, may go) and WeChat's
 * replies per customer message.
 */
export async function channelRouteOf(changes: ChangeSet, conversation: Conversation, body: string, template?: TemplateChoice): Promise<{ ok: true; route: ChannelRoute | null } | { ok: false; refusal: Refusal }> {
  const rules = messagingRulesOf(conversation.channel);
  const contact = rules ? await recipientOf(changes, conversation) : null;
  if (!rules || !contact) return template ? { ok: false, refusal: { code: 'invalid', message: 'Approved templates go only to customers on WhatsApp.' } } : { ok: true, route: null };
  const account = await changes.store.channels.findAccount(contact.accountId);
  if (account?.disconnectedAt) {
    const message = `An administrator disconnected the ${rules.name} account "${account.displayName}" this conversation came through, so a reply can no longer reach the customer there.`;
    return { ok: false, refusal: { code: 'invalid', message } };
  }
  const route = { accountId: contact.accountId, recipient: contact.externalId };
  // A template may go at any time: that is what the provider approved it for.
  if (template) {
    const refused = await templateRefusal(changes, rules, contact.accountId, body, template);
    return refused ? { ok: false, refusal: { code: 'invalid', message: refused } } : { ok: true, route };
  }
  if (!textFits(rules, body)) return { ok: false, refusal: { code: 'invalid', message: tooLong(rules) } };
  if (replyWindow(rules, contact.lastInboundAt, changes.at) === 'closed') {
    const after = rules.approvedTemplates ? 'Only an approved template may go now: pick one in the composer.' : 'The customer has to write again first.';
    return { ok: false, refusal: { code: 'invalid', message: `${windowWords(rules)}, and that time has passed. ${after}` } };
  }
  const tooManySegments = rules.maxSegments === undefined ? null : smsLengthRefusal(body, rules.maxSegments);
  if (tooManySegments) return { ok: false, refusal: { code: 'invalid', message: tooManySegments } };
  if (rules.repliesPerInbound !== undefined && !replyQuotaAllows(rules, await repliesSinceInbound(changes, conversation.id, rules.repliesPerInbound))) {
    const message = `${rules.name} lets a business send at most ${rules.repliesPerInbound} replies to each message of the customer, and they have been sent. The customer has to write again first.`;
    return { ok: false, refusal: { code: 'invalid', message } };
  }
  return { ok: true, route };
}

/**
 * Whom the conversation's replies go to. A messaging app's user has one conversation per account;
 * an email customer may have many (each new mail without thread markers starts one), so an email
 * conversation's recipient is its thread's.
 */
async function recipientOf(changes: ChangeSet, conversation: Conversation): Promise<{ accountId: string; externalId: string; lastInboundAt: number | null } | null> {
  if (conversation.channel !== 'email') return changes.store.channels.findContactOfConversation(conversation.id);
  const thread = await changes.store.email.findThread(conversation.id);
  return thread && { accountId: thread.accountId, externalId: thread.customerAddress, lastInboundAt: null };
}

function tooLong(rules: MessagingRules): string {
  const limit = rules.maxTextBytes === undefined ? `${rules.maxTextLength} characters` : `${rules.maxTextBytes} bytes (about ${Math.floor(rules.maxTextBytes / 3)} characters of Chinese, Japanese or Thai)`;
  return `${rules.name} takes at most ${limit} in one message: shorten the reply or send it in parts.`;
}

function windowWords(rules: MessagingRules): string {
  const hours = (ms: number | null | undefined) => Math.round((ms ?? 0) / 3_600_000);
  const days = Math.round((rules.taggedWindowMs ?? 0) / 86_400_000);
  return rules.taggedWindowMs === undefined
    ? `${rules.name} lets a business reply only within ${hours(rules.windowMs)} hours of the customer's last message`
    : `${rules.name} lets a business reply within ${hours(rules.windowMs)} hours of the customer's last message, and a person within ${days} days`;
}

/** The replies since the customer last wrote: the newest public messages suffice (the quota is small), failed ones taking room too. */
async function repliesSinceInbound(changes: ChangeSet, conversationId: string, quota: number): Promise<number> {
  const recent = await changes.store.conversations.listPublicMessages(conversationId, quota * 4);
  return repliesSinceCustomer(recent.map((stored) => stored.message));
}

/** Queues the stored reply for its provider, in the reply's own transaction. */
export async function queueChannelSend(changes: ChangeSet, route: ChannelRoute, messageId: string, template?: TemplateChoice): Promise<void> {
  await changes.store.channels.enqueueSend({ messageId, tenantId: changes.tenantId, accountId: route.accountId, recipient: route.recipient, at: changes.at, ...(template ? { template } : {}) });
}

export function queuedDelivery(at: number): ChannelDelivery {
  return { state: 'queued', at, failure: null, detail: null };
}

/** The provider took the reply: its id is kept so that its status callbacks find the message. */
export async function recordChannelSent(core: RelayCore, send: ChannelSend, provider: Conversation['channel'], providerMessageId: string): Promise<void> {
  await core.commit(send.tenantId, async (changes) => {
    if (!(await changes.store.channels.findSend(send.messageId))) return; // erased meanwhile
    await changes.store.channels.updateSend(send.messageId, { state: 'sent', at: changes.at, providerMessageId });
    const key = providerKey(send.accountId, providerMessageId);
    if (!(await changes.store.conversations.findProviderMessage(changes.tenantId, provider, key))) {
      await changes.store.conversations.insertProviderMessage(changes.tenantId, provider, key, send.messageId);
    }
    await markDelivered(changes, send.messageId, { state: 'sent', at: changes.at, failure: null, detail: null });
  });
}

/**
 * The provider took one part of a reply sent as several messages: kept before the next part goes,
 * so a retry sends only what is left. Nothing changes for the desks until the whole reply is sent
 * (recordChannelSent then keeps the last part's id, which its statuses name).
 */
export async function recordChannelPart(core: RelayCore, send: ChannelSend, part: number, providerMessageId: string): Promise<void> {
  await core.store.transaction((tx) => tx.channels.recordSendPart(send.messageId, part, providerMessageId, core.now()), { tenantId: send.tenantId });
}

/** The provider refused the reply for a reason it gave, or the relay gave up: the agent sees why. */
export async function recordChannelFailure(core: RelayCore, send: ChannelSend, failure: ChannelFailure, detail: string): Promise<void> {
  await core.commit(send.tenantId, async (changes) => {
    if (!(await changes.store.channels.findSend(send.messageId))) return;
    await changes.store.channels.updateSend(send.messageId, { state: 'failed', at: changes.at, lastError: detail });
    await markDelivered(changes, send.messageId, { state: 'failed', at: changes.at, failure, detail: cutAtGrapheme(detail, 500) });
  });
}

/** A failure that may pass (the provider's 5xx, a timeout): tried again at `nextAttemptAt`; nothing changes for the desks. */
export async function recordChannelRetry(core: RelayCore, send: ChannelSend, nextAttemptAt: number, detail: string): Promise<void> {
  await core.store.transaction((tx) => tx.channels.updateSend(send.messageId, { state: 'queued', at: core.now(), nextAttemptAt, lastError: detail }), { tenantId: send.tenantId });
}

/** An account was disconnected: its replies still waiting are not delivered, for that reason, in the disconnection's commit. */
export async function failQueuedChannelSends(changes: ChangeSet, accountId: string, detail: string): Promise<void> {
  for (const send of await changes.store.channels.listQueuedSends(accountId)) {
    await changes.store.channels.updateSend(send.messageId, { state: 'failed', at: changes.at, lastError: detail });
    await markDelivered(changes, send.messageId, { state: 'failed', at: changes.at, failure: 'disconnected', detail: cutAtGrapheme(detail, 500) });
  }
}
