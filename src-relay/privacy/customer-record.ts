import type { AuditEntry } from '../../src-shared/domain/audit.js';
import type { CustomerIdentity } from '../../src-shared/domain/customers.js';
import type { Conversation, Message, MessageAttachment } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';
import type { Customer } from '../storage/port/conversations.js';
import type { Rating } from '../storage/port/ratings.js';

/** Everything the relay holds about one customer, as an access or portability export gives it back. */
export interface CustomerRecord {
  customers: Customer[];
  identities: { customerId: string; identity: CustomerIdentity }[];
  conversations: Conversation[];
  /** What the customer and agents wrote to each other (no internal notes, no call entries). */
  messages: Message[];
  /** Calls, from each call's entry in its conversation. */
  calls: Message[];
  attachments: MessageAttachment[];
  ratings: Rating[];
  /** Entries whose target is the customer, one of their conversations or one of their privacy requests. */
  audit: AuditEntry[];
}

const MESSAGES_MAX = 1_000_000;
const AUDIT_PAGE = 1_000;

/** The customer, every customer merged into them, and all that is theirs (null when the customer does not exist in the tenant). */
export async function readCustomerRecord(core: RelayCore, tenantId: string, customerId: string): Promise<CustomerRecord | null> {
  const store = core.store;
  const root = await store.customers.findCustomer(tenantId, customerId);
  if (!root) return null;
  const customers = [root];
  for (let next = 0; next < customers.length; next++) {
    for (const merge of await store.customers.listMergesInto(tenantId, customers[next]?.id ?? '')) {
      const merged = await store.customers.findCustomer(tenantId, merge.sourceCustomerId);
      if (merged && !customers.some((c) => c.id === merged.id)) customers.push(merged);
    }
  }
  const record: CustomerRecord = { customers, identities: [], conversations: [], messages: [], calls: [], attachments: [], ratings: [], audit: [] };
  for (const customer of customers) {
    for (const identity of await store.customers.listIdentities(tenantId, customer.id)) record.identities.push({ customerId: customer.id, identity });
    record.conversations.push(...(await store.conversations.listOfCustomer(tenantId, customer.id)));
  }
  for (const conversation of record.conversations) {
    for (const { message } of await store.conversations.listMessages(conversation.id, MESSAGES_MAX)) {
      if (message.call) record.calls.push(message);
      else if (!message.internal) record.messages.push(message);
      else continue;
      for (const attachment of message.attachments ?? []) if (!record.attachments.some((a) => a.fileId === attachment.fileId)) record.attachments.push(attachment);
    }
  }
  const conversationIds = new Set(record.conversations.map((c) => c.id));
  // Ratings are kept by period; the customer's are picked from the tenant's.
  record.ratings = (await store.ratings.list(tenantId, 0, Number.MAX_SAFE_INTEGER)).filter((rating) => conversationIds.has(rating.conversationId));
  record.audit = await auditAbout(core, tenantId, new Set(customers.map((c) => c.id)), conversationIds);
  return record;
}

/** The tenant's audit entries about these customers, their conversations and their privacy requests, oldest first. */
async function auditAbout(core: RelayCore, tenantId: string, customerIds: Set<string>, conversationIds: Set<string>): Promise<AuditEntry[]> {
  const requestIds = new Set<string>();
  for (const id of customerIds) for (const request of await core.store.privacy.listRequests(tenantId, { openOnly: false, customerId: id })) requestIds.add(request.id);
  const about = (entry: AuditEntry): boolean =>
    (entry.target?.type === 'customer' && customerIds.has(entry.target.id)) ||
    (entry.target?.type === 'conversation' && conversationIds.has(entry.target.id)) ||
    (entry.target?.type === 'privacy_request' && requestIds.has(entry.target.id));
  const found: AuditEntry[] = [];
  // The log has no index by target: walk it a page at a time.
  for (let before: number | undefined = undefined; ; ) {
    const page = await core.store.audit.list(tenantId, { before, limit: AUDIT_PAGE });
    found.push(...page.filter(about));
    const last = page[page.length - 1];
    if (page.length < AUDIT_PAGE || !last) break;
    before = last.seq;
  }
  return found.reverse();
}
