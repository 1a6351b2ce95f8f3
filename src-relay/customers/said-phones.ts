import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../src-shared/domain/model.js';
import { PHONE_ID_CHANNELS } from '../../src-shared/domain/phone-numbers.js';
import { phonesInText } from '../../src-shared/domain/phones-in-text.js';
import type { ChangeSet } from '../log/change-set.js';
import { announceCustomer } from './customer-profiles.js';

/**
 * A customer whose channel proves no phone number (LINE, Telegram, web chat) often writes it:
 * "my number is 081-234-5678". The relay keeps it as said, not verified, and when another
 * customer of the tenant holds that number verified (their WhatsApp or SMS), suggests to agents
 * that the two may be one. Only a suggestion: a typed number proves nothing, anyone can type
 * anyone's number. Desks name the other customer only to whoever sees a conversation of theirs.
 */

/** A message listing more numbers than this is a list (a forwarded contact sheet), not someone giving theirs. */
const MOST_NUMBERS = 3;

/** Notes the phone numbers in a customer's message, in the message's commit. */
export async function noticeSaidPhones(changes: ChangeSet, conversation: Conversation, body: string): Promise<void> {
  // A WhatsApp, SMS or Viber user's number is proven already: what they type is not looked at (nor queried for).
  if (PHONE_ID_CHANNELS.includes(conversation.channel)) return;
  const said = phonesInText(body, conversation.market ?? likelyRegion(conversation.language));
  if (said.length === 0 || said.length > MOST_NUMBERS) return;
  const { tenantId, store, at } = changes;
  const customerId = conversation.customerId;
  const known = await store.customers.listIdentities(tenantId, customerId);
  if (known.some((identity) => identity.kind === 'phone' && identity.verified)) return;
  const fresh = said.filter((phone) => !known.some((identity) => identity.kind === 'phone' && identity.value === phone));
  if (fresh.length === 0) return;
  const announce = new Set<string>();
  for (const phone of fresh) {
    if (await store.customers.addIdentity(tenantId, customerId, { kind: 'phone', value: phone, verified: false }, at)) announce.add(customerId);
  }
  const holders = await store.customers.findHolders(tenantId, fresh.map((value) => ({ kind: 'phone' as const, value })));
  for (const holder of holders) {
    if (holder.customerId === customerId || !holder.identity.verified) continue;
    const suggestion = { id: randomUUID(), sourceCustomerId: customerId, targetCustomerId: holder.customerId, reason: 'phone' as const, at };
    if (await store.customers.insertSuggestion(tenantId, suggestion)) announce.add(customerId).add(holder.customerId);
  }
  for (const id of announce) await announceCustomer(changes, id);
}

/**
 * Where a national number is most likely from when the customer's market is unknown (LINE tells
 * neither country nor language; the conversation has its team's): the language's likely region
 * by CLDR ("th" -> TH, "ja" -> JP). A wrong guess reads no valid number, or one nobody holds.
 */
function likelyRegion(language: string): string | null {
  try {
    return new Intl.Locale(language).maximize().region ?? null;
  } catch {
    return null;
  }
}
