import type { Agent } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';

export interface ErasureResult {
  conversationIds: string[];
  messages: number;
  /** Attachments of the customer's conversations that no tenant holds any more: delete their bytes from the file store once committed. */
  unheldFileIds: string[];
}

/**
 * Erases one customer (GDPR art. 17 and its equivalents): their conversations, messages, chat
 * sessions and every logged event about them, in one transaction. Each conversation leaves a
 * `conversation.erased` event, so every workstation drops its copy, and a tombstone with its id
 * only, so an offline agent's late reply is refused with a plain reason instead of "not found".
 * The files shared in those conversations are forgotten with them (unless shared elsewhere too).
 */
export function eraseCustomer(core: RelayCore, requestedBy: Agent, customerId: string): Promise<ErasureResult> {
  const tenantId = requestedBy.tenantId;
  return core.commit(tenantId, async (changes) => {
    const conversations = await changes.store.conversations.listOfCustomer(tenantId, customerId);
    let messages = 0;
    for (const conversation of conversations) messages += await changes.eraseConversation(conversation);
    await changes.store.conversations.eraseCustomer(tenantId, customerId, {
      requestedBy: requestedBy.id,
      at: changes.at,
      conversations: conversations.length,
      messages,
    });
    const conversationIds = conversations.map((c) => c.id);
    const unheldFileIds = await changes.store.files.eraseConversations(tenantId, conversationIds);
    return { conversationIds, messages, unheldFileIds };
  });
}
