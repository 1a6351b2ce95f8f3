import { messagingRulesOf, windowOpen } from '../../src-shared/domain/channel-rules.js';
import type { ChannelDelivery, ChannelFailure, Conversation } from '../../src-shared/domain/model.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { Refusal } from '../relay-rule.js';
import type { ChannelSend } from '../storage/port/channels.js';
import { markDelivered, providerKey } from './channel-messages.js';

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
 * chat, or the demo's sample history); a refusal when the provider would not take it. WhatsApp's
 * 24-hour window is checked here; outside it only approved templates may go, which come later.
 */
export async function channelRouteOf(changes: ChangeSet, conversation: Conversation, body: string): Promise<{ ok: true; route: ChannelRoute | null } | { ok: false; refusal: Refusal }> {
  const rules = messagingRulesOf(conversation.channel);
  const contact = rules ? await changes.store.channels.findContactOfConversation(conversation.id) : null;
  if (!rules || !contact) return { ok: true, route: null };
  const account = await changes.store.channels.findAccount(contact.accountId);
  if (account?.disconnectedAt) {
    const message = `An administrator disconnected the ${rules.name} account "${account.displayName}" this conversation came through, so a reply can no longer reach the customer there.`;
    return { ok: false, refusal: { code: 'invalid', message } };
  }
  if (body.length > rules.maxTextLength) {
    return { ok: false, refusal: { code: 'invalid', message: `${rules.name} takes at most ${rules.maxTextLength} characters in one message: shorten the reply or send it in parts.` } };
  }
  if (!windowOpen(rules, contact.lastInboundAt, changes.at)) {
    const hours = Math.round((rules.windowMs ?? 0) / 3_600_000);
    const message = `${rules.name} lets a business reply only within ${hours} hours of the customer's last message, and that time has passed. The customer has to write again first (approved templates are not available here yet).`;
    return { ok: false, refusal: { code: 'invalid', message } };
  }
  return { ok: true, route: { accountId: contact.accountId, recipient: contact.externalId } };
}

/** Queues the stored reply for its provider, in the reply's own transaction. */
export async function queueChannelSend(changes: ChangeSet, route: ChannelRoute, messageId: string): Promise<void> {
  await changes.store.channels.enqueueSend({ messageId, tenantId: changes.tenantId, accountId: route.accountId, recipient: route.recipient, at: changes.at });
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

/** The provider refused the reply for a reason it gave, or the relay gave up: the agent sees why. */
export async function recordChannelFailure(core: RelayCore, send: ChannelSend, failure: ChannelFailure, detail: string): Promise<void> {
  await core.commit(send.tenantId, async (changes) => {
    if (!(await changes.store.channels.findSend(send.messageId))) return;
    await changes.store.channels.updateSend(send.messageId, { state: 'failed', at: changes.at, lastError: detail });
    await markDelivered(changes, send.messageId, { state: 'failed', at: changes.at, failure, detail: detail.slice(0, 500) });
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
    await markDelivered(changes, send.messageId, { state: 'failed', at: changes.at, failure: 'disconnected', detail: detail.slice(0, 500) });
  }
}
