import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';

export interface ErasureResult {
  conversationIds: string[];
  messages: number;
  /** Attachments of the customer's conversations that no tenant holds any more: delete their bytes from the file store once committed. */
  unheldFileIds: string[];
  /** Export bundles made of the customer (privacy/export-files.ts): delete their files once committed. */
  exportLocations: string[];
}

/**
 * Erases one customer (GDPR art. 17 and its equivalents): their conversations, messages, chat
 * sessions and every logged event about them, in one transaction. Each conversation leaves a
 * `conversation.erased` event, so every workstation drops its copy, and a tombstone with its id
 * only, so an offline agent's late reply is refused with a plain reason instead of "not found".
 * The files shared in those conversations are forgotten with them (unless shared elsewhere too).
 * Customers merged into one another are one person, as agents said: the customer a merged-away
 * one went into goes too, with every customer merged into it, and every identity and merge.
 */
export function eraseCustomer(core: RelayCore, requestedBy: Agent, customerId: string, address: string | null = null): Promise<ErasureResult> {
  const tenantId = requestedBy.tenantId;
  return core.commit(tenantId, async (changes) => {
    const root = await mergedRoot(changes, customerId);
    const customerIds = await withMergedInto(changes, root);
    const conversations: Conversation[] = [];
    for (const id of customerIds) conversations.push(...(await changes.store.conversations.listOfCustomer(tenantId, id)));
    let messages = 0;
    for (const conversation of conversations) messages += await changes.eraseConversation(conversation);
    for (const id of customerIds) await changes.store.customers.forgetCustomer(tenantId, id);
    const exportLocations: string[] = [];
    for (const id of customerIds) exportLocations.push(...(await eraseExportsOf(changes, id)));
    for (const id of customerIds) {
      const own = id === root;
      await changes.store.conversations.eraseCustomer(tenantId, id, {
        requestedBy: requestedBy.id,
        at: changes.at,
        conversations: own ? conversations.length : 0,
        messages: own ? messages : 0,
      });
    }
    const conversationIds = conversations.map((c) => c.id);
    const unheldFileIds = await changes.store.files.eraseConversations(tenantId, conversationIds);
    // The customer's id only: an opaque key, which the erasures record keeps too; nothing that names them.
    const details = { customers: customerIds.length, conversations: conversations.length, messages };
    await recordAudit(changes.store, tenantId, changes.at, actorOf(requestedBy, address), 'customer.erased', { type: 'customer', id: customerId }, details);
    return { conversationIds, messages, unheldFileIds, exportLocations };
  });
}

/**
 * The export bundles already made of this customer (data subject requests): their records go in
 * the erasure's commit, and the bundles' files after it, as `unheldFileIds`' bytes do.
 */
export async function eraseExportsOf(changes: ChangeSet, customerId: string): Promise<string[]> {
  const made = await changes.store.privacy.listExports(changes.tenantId, customerId);
  for (const bundle of made) await changes.store.privacy.deleteExport(changes.tenantId, bundle.id);
  return made.map((bundle) => bundle.location);
}

/** The customer and every customer merged into them (and into those), not undone. */
async function withMergedInto(changes: ChangeSet, customerId: string): Promise<string[]> {
  const found = [customerId];
  for (let next = 0; next < found.length; next++) {
    for (const merge of await changes.store.customers.listMergesInto(changes.tenantId, found[next] ?? '')) {
      if (!found.includes(merge.sourceCustomerId)) found.push(merge.sourceCustomerId);
    }
  }
  return found;
}

/** The customer this one stands merged into, through any chain of merges; itself when none. */
async function mergedRoot(changes: ChangeSet, customerId: string): Promise<string> {
  const seen = new Set([customerId]);
  let root = customerId;
  for (let merge = await changes.store.customers.findMergeOf(changes.tenantId, root); merge && !seen.has(merge.targetCustomerId); merge = await changes.store.customers.findMergeOf(changes.tenantId, root)) {
    root = merge.targetCustomerId;
    seen.add(root);
  }
  return root;
}
