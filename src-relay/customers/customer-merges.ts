import { randomUUID } from 'node:crypto';
import type { Agent } from '../../src-shared/domain/model.js';
import type { ChangeSet } from '../log/change-set.js';
import type { MergeMoves, StoredMerge } from '../storage/port/customers.js';
import { announceCustomer, profileOf, shownMerge } from './customer-profiles.js';

/**
 * Merging two customers an agent says are one person, and undoing it. A merge moves the source's
 * conversations and identities to the target and records exactly what moved, so an unmerge puts
 * back exactly that; both are logged at every conversation of the customers they touch.
 * The rules (customer-rules.ts) decide who may; these only do it.
 */

/** Moves `sourceId` into `targetId`; returns the merge. */
export async function merge(changes: ChangeSet, agent: Agent, sourceId: string, targetId: string): Promise<StoredMerge> {
  const { tenantId, store } = changes;
  const conversations = await store.conversations.listOfCustomer(tenantId, sourceId);
  const moves: MergeMoves = { conversationIds: conversations.map((c) => c.id), identities: [], suggestions: [] };
  const held = new Map((await store.customers.listIdentities(tenantId, targetId)).map((identity) => [`${identity.kind}:${identity.value}`, identity]));
  for (const identity of await store.customers.listIdentities(tenantId, sourceId)) {
    const targetCopy = held.get(`${identity.kind}:${identity.value}`);
    if (!targetCopy) {
      await store.customers.moveIdentity(tenantId, identity.kind, identity.value, sourceId, targetId);
      moves.identities.push({ identity, moved: true, upgraded: false });
      continue;
    }
    // The target holds the value already: the source's copy goes, its proof (if any) with the target's.
    const upgraded = identity.verified && !targetCopy.verified;
    await store.customers.removeIdentity(tenantId, sourceId, identity.kind, identity.value);
    if (upgraded) await store.customers.setIdentityVerified(tenantId, targetId, identity.kind, identity.value, true);
    moves.identities.push({ identity, moved: false, upgraded });
  }
  for (const suggestion of await store.customers.listSuggestions(tenantId, sourceId)) {
    await store.customers.deleteSuggestion(tenantId, suggestion.id);
    moves.suggestions.push(suggestion);
  }
  await store.customers.moveConversations(tenantId, moves.conversationIds, targetId);
  const stored: StoredMerge = {
    id: randomUUID(),
    tenantId,
    sourceCustomerId: sourceId,
    targetCustomerId: targetId,
    mergedBy: agent.id,
    mergedByName: agent.name,
    mergedAt: changes.at,
    moves,
    unmergedBy: null,
    unmergedAt: null,
  };
  await store.customers.insertMerge(stored);
  for (const conversation of conversations) await reshow(changes, conversation.id);
  const customer = await profileOf(store, tenantId, targetId);
  if (customer) {
    const shown = await shownMerge(store, stored);
    for (const conversation of await store.conversations.listOfCustomer(tenantId, targetId)) await changes.logCustomer(conversation, { type: 'customer.merged', merge: shown, customer });
  }
  await announceOthers(changes, moves, [sourceId, targetId]);
  return stored;
}

/** Puts back what the merge moved: its conversations, identities and suggestions go to the source again. */
export async function unmerge(changes: ChangeSet, agent: Agent, stored: StoredMerge): Promise<void> {
  const { tenantId, store } = changes;
  const { sourceCustomerId: sourceId, targetCustomerId: targetId, moves } = stored;
  const now = await store.conversations.listOfCustomer(tenantId, targetId);
  const returning = now.filter((conversation) => moves.conversationIds.includes(conversation.id));
  await store.customers.moveConversations(tenantId, returning.map((c) => c.id), sourceId);
  const held = new Set((await store.customers.listIdentities(tenantId, targetId)).map((identity) => `${identity.kind}:${identity.value}`));
  for (const { identity, moved, upgraded } of moves.identities) {
    if (moved) {
      if (held.has(`${identity.kind}:${identity.value}`)) await store.customers.moveIdentity(tenantId, identity.kind, identity.value, targetId, sourceId);
      continue;
    }
    // The proof goes back with the source's copy, so the value is verified for one customer at a time.
    if (upgraded) await store.customers.setIdentityVerified(tenantId, targetId, identity.kind, identity.value, false);
    await store.customers.addIdentity(tenantId, sourceId, identity, changes.at);
  }
  for (const suggestion of moves.suggestions) await store.customers.insertSuggestion(tenantId, suggestion);
  await store.customers.markUnmerged(tenantId, stored.id, agent.id, changes.at);
  for (const conversation of returning) await reshow(changes, conversation.id);
  const source = await profileOf(store, tenantId, sourceId);
  const target = await profileOf(store, tenantId, targetId);
  if (source && target) {
    const touched = [...(await store.conversations.listOfCustomer(tenantId, sourceId)), ...(await store.conversations.listOfCustomer(tenantId, targetId))];
    for (const conversation of touched) await changes.logCustomer(conversation, { type: 'customer.unmerged', mergeId: stored.id, source, target });
  }
  await announceOthers(changes, moves, [sourceId, targetId]);
}

/** A conversation whose customer changed, as it reads now (the customer's name and VIP flag are theirs). */
async function reshow(changes: ChangeSet, conversationId: string): Promise<void> {
  const conversation = await changes.store.conversations.findConversation(changes.tenantId, conversationId);
  if (conversation) await changes.changeConversation(conversation, conversation);
}

/** Customers named by the suggestions that moved, other than these two: their profiles changed too. */
async function announceOthers(changes: ChangeSet, moves: MergeMoves, involved: readonly string[]): Promise<void> {
  const others = new Set(moves.suggestions.flatMap((s) => [s.sourceCustomerId, s.targetCustomerId]).filter((id) => !involved.includes(id)));
  for (const id of others) await announceCustomer(changes, id);
}
