import type { RelayFrame } from '../../src-shared/protocol/sync.js';
import type { Cache } from '../store/cache.js';
import type { ChangeSet } from './change-set.js';

type SnapshotPage = Extract<RelayFrame, { type: 'snapshot' }>;

/** One page of a full resync, in one transaction; the cursor stays until the last page is in. */
export function applySnapshotPage(cache: Cache, page: SnapshotPage, changes: ChangeSet): void {
  cache.transaction(() => {
    for (const conversation of page.conversations) {
      cache.conversations.upsert(conversation);
      changes.conversation(conversation.id);
    }
    for (const message of page.messages) {
      cache.messages.upsertSent(message);
      changes.message(message.conversationId, message.id);
    }
    for (const customer of page.customers) {
      cache.customers.upsert(customer);
      changes.customer(customer.id);
    }
    for (const article of page.articles) cache.articles.upsert(article);
    if (page.articles.length > 0) changes.articles();
    cache.resync.seen(page.conversations.map((conversation) => conversation.id));
  });
}

/**
 * Drops what the snapshot did not contain and moves the cursor to where the first page was read,
 * so the pull that follows replays everything that happened while the pages came in.
 */
export function finishResync(cache: Cache, asOfSeq: number, changes: ChangeSet): void {
  cache.transaction(() => {
    for (const id of cache.resync.finish()) changes.conversation(id);
    cache.customers.forgetUnheld();
    cache.session.setCursor(asOfSeq);
  });
}
