import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';

type CustomerEvent = Extract<SyncEvent['data'], { type: 'customer.updated' | 'customer.merged' | 'customer.unmerged' }>;

/**
 * What the relay says of a customer of a conversation held here: their profile replaces ours.
 * The source of a merge is no one of their own any more; its conversations come back as the
 * target's through their own `conversation.upserted` events.
 */
export function applyCustomerEvent(cache: Cache, event: CustomerEvent, changes: ChangeSet): void {
  switch (event.type) {
    case 'customer.updated':
      cache.customers.upsert(event.customer);
      changes.customer(event.customer.id);
      return;
    case 'customer.merged':
      cache.customers.upsert(event.customer);
      cache.customers.remove(event.merge.sourceCustomerId);
      changes.customer(event.customer.id);
      changes.customer(event.merge.sourceCustomerId);
      return;
    case 'customer.unmerged':
      cache.customers.upsert(event.source);
      cache.customers.upsert(event.target);
      changes.customer(event.source.id);
      changes.customer(event.target.id);
      return;
  }
}
