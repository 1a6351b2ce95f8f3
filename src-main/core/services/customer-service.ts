import type { LocalConversation, ShownSuggestion } from '../../../src-shared/api/contract.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { channelOfIdentity, type CustomerProfile } from '../../../src-shared/domain/customers.js';
import type { Channel } from '../../../src-shared/domain/model.js';
import { phoneOfChannelUser } from '../../../src-shared/domain/phone-numbers.js';
import type { Cache } from '../../store/cache.js';
import { recordMerge, recordUnmerge } from '../../sync/mutations/customer-merges.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { CoreParts } from './core-parts.js';

export type CustomerHandlers = NamespaceHandlers<'customers'>;

/** How many queued changes are looked through for a pending merge: an outbox that long is far behind anyway. */
const PENDING_LOOKUP = 500;

/**
 * The customer beside a conversation: who they are across channels (as the relay told this
 * desk), their conversations held here on every channel, and merging and unmerging them.
 */
export function customerHandlers({ cache, sync, events, guards }: CoreParts): CustomerHandlers {
  return {
    'customers.get': async ({ customerId }) => {
      guards.requireAgent();
      const conversations = cache.conversations.ofCustomer(customerId);
      const customer = cache.customers.get(customerId) ?? profileFromConversation(conversations[0]);
      if (!customer) throw new ApiFailure('not_found', `There is no customer ${customerId} on this workstation.`);
      return { customer, conversations, suggestions: customer.suggestions.map((s) => shownSuggestion(cache, customerId, s)), pending: isPending(cache, customer) };
    },
    'customers.merge': async (merge) => {
      guards.requireAgent();
      for (const id of [merge.sourceCustomerId, merge.targetCustomerId]) {
        if (cache.conversations.ofCustomer(id).length === 0) throw new ApiFailure('not_found', `There is no customer ${id} on this workstation.`);
      }
      recordMerge(cache, merge, Date.now());
      events.emit('customers.changed', { customerIds: [merge.sourceCustomerId, merge.targetCustomerId] });
      sync.outboxChanged();
      return {};
    },
    'customers.unmerge': async ({ mergeId }) => {
      guards.requireAgent();
      const customerIds = cache.customers.ofMerge(mergeId);
      if (customerIds.length === 0) throw new ApiFailure('not_found', `There is no merge ${mergeId} on this workstation.`);
      recordUnmerge(cache, mergeId, Date.now());
      events.emit('customers.changed', { customerIds });
      sync.outboxChanged();
      return {};
    },
  };
}

/** What a conversation says of its customer, until the relay tells more (a relay that predates identities). */
function profileFromConversation(conversation: LocalConversation | undefined): CustomerProfile | null {
  if (!conversation) return null;
  const { customerId: id, customerName: name, language, market } = conversation;
  return { id, name, language, market, vip: conversation.vip ?? false, identities: [], suggestions: [], merges: [] };
}

/** The other customer of a suggestion, named when a conversation of theirs is here. */
function shownSuggestion(cache: Cache, customerId: string, suggestion: CustomerProfile['suggestions'][number]): ShownSuggestion {
  const otherCustomerId = suggestion.sourceCustomerId === customerId ? suggestion.targetCustomerId : suggestion.sourceCustomerId;
  const otherName = cache.conversations.ofCustomer(otherCustomerId)[0]?.customerName ?? null;
  const phone = suggestion.reason === 'phone' && otherName !== null ? phoneEvidence(cache.customers.get(customerId), cache.customers.get(otherCustomerId)) : null;
  return { ...suggestion, otherCustomerId, otherName, ...(phone ? { phone } : {}) };
}

/** The number one customer wrote and the other holds verified, when both profiles are here. */
function phoneEvidence(mine: CustomerProfile | undefined, other: CustomerProfile | undefined): ShownSuggestion['phone'] | null {
  if (!mine || !other) return null;
  for (const said of mine.identities.filter((identity) => identity.kind === 'phone')) {
    const held = other.identities.find((identity) => identity.kind === 'phone' && identity.value === said.value && identity.verified !== said.verified);
    if (!held) continue;
    const [sayer, holder] = said.verified ? [other, mine] : [mine, other];
    const number = parsePhoneNumberFromString(said.value)?.formatInternational() ?? said.value;
    return { number, saidBy: said.verified ? 'other' : 'this', saidOn: firstChannel(sayer), verifiedOn: provingChannel(holder, said.value) };
  }
  return null;
}

function firstChannel(customer: CustomerProfile): Channel | null {
  for (const identity of customer.identities) {
    const channel = channelOfIdentity(identity);
    if (channel) return channel;
  }
  return null;
}

/** The channel whose user id is this number (a WhatsApp wa_id, an SMS sender): where the number was proven. */
function provingChannel(customer: CustomerProfile, e164: string): Channel | null {
  for (const identity of customer.identities) {
    const channel = channelOfIdentity(identity);
    const externalId = identity.value.split(':').slice(2).join(':');
    if (channel && phoneOfChannelUser(channel, externalId)?.e164 === e164) return channel;
  }
  return null;
}

function isPending(cache: Cache, customer: CustomerProfile): boolean {
  const merges = new Set(customer.merges.map((merge) => merge.id));
  return cache.outbox.next(PENDING_LOOKUP).some(({ body }) => {
    if (body.kind === 'customer.merge') return body.sourceCustomerId === customer.id || body.targetCustomerId === customer.id;
    return body.kind === 'customer.unmerge' && merges.has(body.mergeId);
  });
}
