import { randomBytes } from 'node:crypto';
import type { Conversation } from '../../src-shared/domain/model.js';
import { withoutReplyPrefixes } from '../../src-shared/domain/email-reply.js';
import { openRoutedConversation } from '../conversations/channel-messages.js';
import { customerForChannelUser, recordChannelCustomer } from '../customers/channel-users.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';

/**
 * A mail that answers no conversation starts one, routed to the mailbox's team (queued while the
 * team is closed), with its thread: subject and reply token. A sender who wrote to this mailbox
 * before is the same customer (email customers open many conversations); a new one becomes a
 * customer as on any channel, their address an identity.
 */
export async function openEmailConversation(
  core: RelayCore,
  changes: ChangeSet,
  account: ChannelAccount,
  sender: { address: string; name: string },
  subject: string,
  /** The agent who writes first (a new mail to the customer), who holds it; null routes it. */
  owner: string | null = null,
): Promise<Conversation> {
  const customer = await customerOf(changes, account, sender);
  const conversation = await openRoutedConversation(core, changes, account, customer, owner);
  if (customer.record) await recordChannelCustomer(changes, customer.record, conversation);
  await changes.store.email.insertThread({
    conversationId: conversation.id,
    tenantId: changes.tenantId,
    accountId: account.id,
    customerAddress: sender.address,
    subject: withoutReplyPrefixes(subject).slice(0, 500),
    replyToken: newReplyToken(),
  });
  return conversation;
}

type EmailCustomer = { id: string; name: string; language: string; market: string | null; vip: boolean; record: Awaited<ReturnType<typeof customerForChannelUser>> | null };

async function customerOf(changes: ChangeSet, account: ChannelAccount, sender: { address: string; name: string }): Promise<EmailCustomer> {
  const contact = await changes.store.channels.findContact(account.id, sender.address);
  const known = contact ? await changes.store.customers.findCustomer(changes.tenantId, contact.customerId) : null;
  if (known) return { id: known.id, name: known.name, language: known.language, market: known.market ?? null, vip: known.vip ?? false, record: null };
  const teams = await changes.store.accounts.listTeams(changes.tenantId);
  const teamLanguage = teams.find((team) => team.id === account.teamId)?.languages[0] ?? 'en';
  const created = await customerForChannelUser(changes, account, { externalId: sender.address, name: sender.name, statedLanguage: null, teamLanguage });
  return { ...created, record: created };
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 12 characters of a-z0-9: short enough for an address, its first 8 a subject tag (36^8 per mailbox). */
function newReplyToken(): string {
  return [...randomBytes(12)].map((byte) => TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length]).join('');
}
