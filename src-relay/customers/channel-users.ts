import { randomUUID } from 'node:crypto';
import { identitiesOfChannelUser, matchCustomer, type CustomerMatch } from '../../src-shared/domain/customer-matching.js';
import type { CustomerIdentity, CustomerProfile, MergeSuggestion } from '../../src-shared/domain/customers.js';
import type { Conversation } from '../../src-shared/domain/model.js';
import { phoneOfChannelUser } from '../../src-shared/domain/phone-numbers.js';
import type { ChangeSet } from '../log/change-set.js';
import { marketOf } from '../conversations/customer-chat.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { announceCustomer } from './customer-profiles.js';

/**
 * Who someone writing on a messaging app for the first time is. A WhatsApp, SMS or Viber user's
 * id is their phone number, proven by the provider: when a customer of the tenant holds that
 * number verified, the user is that customer (a new conversation on this channel, same
 * customer). Otherwise they become a new customer, and a weaker match (the number unverified
 * there, or the same full name) is suggested to agents as a merge.
 */

/** How many namesakes are weighed: the rule takes the oldest that fits. */
const NAMESAKES = 20;

export interface ChannelUser {
  externalId: string;
  name: string;
  /** The language the provider says the user has (Telegram's language_code), when it is a valid tag. */
  statedLanguage: string | null;
  /** The answering team's working language, for a new customer the provider says nothing of. */
  teamLanguage: string;
}

/** The customer a channel user is: linked (an existing customer) or new (inserted), with the identities still to record. */
export interface ChannelCustomer {
  id: string;
  name: string;
  language: string;
  market: string | null;
  vip: boolean;
  identities: CustomerIdentity[];
  match: CustomerMatch;
  /** Inserted by this commit: nothing of them is stored but what `recordChannelCustomer` writes. */
  created: boolean;
}

/** Finds the customer a new channel user is, or inserts a new one; call `recordChannelCustomer` once their conversation is added. */
export async function customerForChannelUser(changes: ChangeSet, account: ChannelAccount, user: ChannelUser): Promise<ChannelCustomer> {
  const { tenantId, store } = changes;
  const phone = phoneOfChannelUser(account.provider, user.externalId);
  const identities = identitiesOfChannelUser(account.provider, account.id, user.externalId, phone);
  const language = user.statedLanguage ?? user.teamLanguage;
  const market = marketOf(language) ?? phone?.country ?? null;
  const holders = await store.customers.findHolders(tenantId, identities.filter((identity) => identity.kind !== 'channel'));
  const named = await store.customers.listNamed(tenantId, user.name, NAMESAKES);
  const match = matchCustomer({ name: user.name, market, identities }, holders, named);
  const known = match.kind === 'link' ? await store.customers.findCustomer(tenantId, match.customerId) : null;
  if (known) {
    const spoken = user.statedLanguage ?? known.language;
    return { id: known.id, name: known.name, language: spoken, market: known.market ?? market, vip: known.vip ?? false, identities, match, created: false };
  }
  const id = randomUUID();
  await store.conversations.insertCustomer(tenantId, { id, name: user.name, language, market, createdAt: changes.at });
  return { id, name: user.name, language, market, vip: false, identities, match, created: true };
}

/**
 * Records the user's identities for their customer and, for a weaker match, the suggestion; then
 * tells whoever sees a conversation of either customer. Call once the user's `conversation` is added.
 */
export async function recordChannelCustomer(changes: ChangeSet, customer: ChannelCustomer, conversation: Conversation): Promise<void> {
  const { tenantId, store, at } = changes;
  const identities: CustomerIdentity[] = [];
  for (const identity of customer.identities) if (await store.customers.addIdentity(tenantId, customer.id, identity, at)) identities.push(identity);
  const suggestions: MergeSuggestion[] = [];
  const { match } = customer;
  if (match.kind === 'suggest') {
    const suggestion = { id: randomUUID(), sourceCustomerId: customer.id, targetCustomerId: match.customerId, reason: match.reason, at };
    if (await store.customers.insertSuggestion(tenantId, suggestion)) {
      suggestions.push(suggestion);
      await announceCustomer(changes, match.customerId);
    }
  }
  if (!customer.created) return announceCustomer(changes, customer.id);
  // A customer this commit created is what it just wrote (identities come in the stored order:
  // channel, then phone or email), with no merges and this one conversation: not read back.
  const profile: CustomerProfile = { id: customer.id, name: customer.name, language: customer.language, market: customer.market, vip: false, identities, suggestions, merges: [] };
  await changes.logCustomer(conversation, { type: 'customer.updated', customer: profile });
}
