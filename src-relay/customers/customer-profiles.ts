import type { CustomerMerge, CustomerProfile } from '../../src-shared/domain/customers.js';
import type { ChangeSet } from '../log/change-set.js';
import type { StoredMerge } from '../storage/port/customers.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';

/**
 * A customer as desks see them beside a conversation: who they are, how they are known, what
 * the relay suggests and which merges into them may be undone. A desk learns of a customer only
 * through their conversations: every change is logged at each conversation it may see.
 */

type Store = Pick<RelayRepositories, 'customers'>;

export async function profileOf(store: Store, tenantId: string, customerId: string): Promise<CustomerProfile | null> {
  const customer = await store.customers.findCustomer(tenantId, customerId);
  if (!customer) return null;
  const merges: CustomerMerge[] = [];
  for (const merge of await store.customers.listMergesInto(tenantId, customerId)) merges.push(await shownMerge(store, merge));
  return {
    id: customer.id,
    name: customer.name,
    language: customer.language,
    market: customer.market,
    vip: customer.vip ?? false,
    identities: await store.customers.listIdentities(tenantId, customerId),
    suggestions: await store.customers.listSuggestions(tenantId, customerId),
    merges,
  };
}

/** The profiles of these customers (each once, in the order given), for a snapshot page. */
export async function profilesOf(store: Store, tenantId: string, customerIds: readonly string[]): Promise<CustomerProfile[]> {
  const profiles: CustomerProfile[] = [];
  for (const id of new Set(customerIds)) {
    const profile = await profileOf(store, tenantId, id);
    if (profile) profiles.push(profile);
  }
  return profiles;
}

/** A merge as a desk shows it: the source by the name its conversations had. */
export async function shownMerge(store: Store, merge: StoredMerge): Promise<CustomerMerge> {
  const source = await store.customers.findCustomer(merge.tenantId, merge.sourceCustomerId);
  return {
    id: merge.id,
    sourceCustomerId: merge.sourceCustomerId,
    sourceName: source?.name ?? '',
    targetCustomerId: merge.targetCustomerId,
    at: merge.mergedAt,
    byName: merge.mergedByName,
    conversationIds: merge.moves.conversationIds,
  };
}

/** Logs the customer's profile as it is now at each of their conversations. */
export async function announceCustomer(changes: ChangeSet, customerId: string): Promise<void> {
  const customer = await profileOf(changes.store, changes.tenantId, customerId);
  if (!customer) return;
  for (const conversation of await changes.store.conversations.listOfCustomer(changes.tenantId, customerId)) {
    await changes.logCustomer(conversation, { type: 'customer.updated', customer });
  }
}
