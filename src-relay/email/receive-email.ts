import { createHash } from 'node:crypto';
import { isBlockedSender } from '../../src-shared/domain/blocked-senders.js';
import { mailDomainOf } from '../channels/email/email-credentials.js';
import { ourMessageIdIn } from '../channels/email/email-identifiers.js';
import { markDelivered, providerKey } from '../conversations/channel-messages.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { keepMailFiles, NO_FILES, type KeptMailFiles } from './mail-files.js';
import { kindOfMail, type DeliveryReport, type MailKind } from './mail-kind.js';
import { conversationOfMail, type ThreadedBy } from './mail-threading.js';
import { mailboxesOf } from './mailboxes.js';
import { openEmailConversation } from './open-email-conversation.js';
import { mailParsers, UnreadableMail, type MailParserPool } from './mail-parser-pool.js';
import type { InboundMail } from './parse-mail.js';
import { storeMail } from './store-mail.js';

/** What became of one mail. */
export type EmailReceipt =
  | { outcome: 'stored'; messageId: string; conversationId: string; kind: 'customer' | 'auto-reply'; threadedBy: ThreadedBy | 'new' }
  | { outcome: 'duplicate'; key: string }
  | { outcome: 'bounce'; markedMessageId: string | null; reason: string }
  | { outcome: 'dropped'; reason: 'loop' | 'auto-reply' | 'no-sender' | 'disconnected' | 'unreadable' | 'blocked'; detail: string };

/**
 * One mail for an email account, from IMAP (src-relay/email/imap) or direct delivery
 * (smtp-receiver.ts): parsed, classified, and stored once. The de-duplication key (its
 * Message-ID, or a hash of its bytes when it has none) is looked up and recorded in the same
 * commit as the message, and a tenant's commits run one at a time, so two deliveries of one
 * mail (an IMAP rescan racing direct delivery) cannot both store it. Never throws for what the
 * mail contains; a storage failure rejects, and the caller keeps the mail to try again.
 */
export async function receiveEmail(core: RelayCore, account: ChannelAccount, raw: Buffer, parsers: MailParserPool = mailParsers): Promise<EmailReceipt> {
  const mailbox = await mailboxOf(core, account);
  if (!mailbox) return { outcome: 'dropped', reason: 'disconnected', detail: 'the mailbox is not a connected email account' };
  return storeReadMail(core, account, mailbox, await withFiles(core, account, judged(mailbox, await parsed(parsers.parse(raw)))));
}

/** Some mails delivered together: how many of them, from the first, are stored or knowingly dropped, and the failure that stopped the rest. */
export interface EmailBatchReceipt {
  receipts: EmailReceipt[];
  failure?: unknown;
}

/**
 * Mails of one mailbox in the order they arrived (an IMAP batch, src-relay/email/imap), as
 * receiveEmail takes each: all handed to the parser threads at once (mail-parser-pool.ts), each
 * judged and its files kept as its turn comes (while the next are parsed), then stored, each in its own commit, asked
 * for all at once in that order. The commits run in that order (a later mail sees an earlier one
 * it answers) and together, in one transaction (group commit, storage/commit-groups.ts): one disk
 * flush for many mails. A commit that fails stops the count there; the ones after it may be
 * stored all the same, and are found again by Message-ID when delivered again.
 */
export async function receiveEmails(core: RelayCore, account: ChannelAccount, raws: readonly Buffer[], parsers: MailParserPool = mailParsers): Promise<EmailBatchReceipt> {
  const mailbox = await mailboxOf(core, account);
  if (!mailbox) return { receipts: raws.map(() => ({ outcome: 'dropped', reason: 'disconnected', detail: 'the mailbox is not a connected email account' })) };
  // The sources are ours to let go of (DeliverMail): moved to the parser threads, not copied (unless one Buffer comes twice).
  const handOver = new Set(raws).size === raws.length;
  const parsing = raws.map((raw) => parsed(parsers.parse(raw, { handOver })));
  const read: ReadMail[] = [];
  for (const mail of parsing) read.push(await withFiles(core, account, judged(mailbox, await mail)));
  const settled = await Promise.allSettled(read.map((mail) => storeReadMail(core, account, mailbox, mail)));
  const failed = settled.findIndex((outcome) => outcome.status === 'rejected');
  const receipts = settled.slice(0, failed === -1 ? settled.length : failed).map((outcome) => (outcome as PromiseFulfilledResult<EmailReceipt>).value);
  return failed === -1 ? { receipts } : { receipts, failure: (settled[failed] as PromiseRejectedResult).reason };
}

/** What a mail is checked against before it is stored: the mailbox's address and the tenant's blocked senders. */
interface Mailbox {
  address: string;
  blocked: Awaited<ReturnType<RelayCore['store']['blockedSenders']['list']>>;
}

async function mailboxOf(core: RelayCore, account: ChannelAccount): Promise<Mailbox | null> {
  const credentials = mailboxesOf(core).credentialsOf(account);
  return credentials ? { address: credentials.address, blocked: await core.store.blockedSenders.list(account.tenantId) } : null;
}

/** A mail parsed and judged: either what became of it already (dropped, unreadable), or what to store, with its files once kept. */
type ReadMail = { done: EmailReceipt } | { mail: InboundMail; kind: Exclude<MailKind, { kind: 'bounce' }>; from: { address: string; name: string }; files?: KeptMailFiles } | { bounce: DeliveryReport | null };

/**
 * Keeps a mail's files before its commit is asked for (storing them awaits the file store, and a
 * batch's commits must be asked for together). A mail stored before (a rescan, or IMAP and direct
 * delivery both) keeps no file again. What the commit does not need is let go here: a batch's
 * mails wait for its commits, long enough for what they hold to outlive the young generation,
 * and a file's bytes (in the attachment store by now) or the headers (read already) held that
 * long stay in memory until V8's next full collection.
 */
async function withFiles(core: RelayCore, account: ChannelAccount, read: ReadMail): Promise<ReadMail> {
  if (!('mail' in read)) return read;
  const key = providerKey(account.id, read.mail.messageId ?? contentKeyOf(read.mail));
  const stored = await core.store.conversations.findProviderMessage(account.tenantId, 'email', key);
  const files = stored ? NO_FILES : await keepMailFiles(core, mailboxesOf(core).runtime.files, account, read.mail);
  return { ...read, mail: { ...read.mail, headers: new Map(), reportParts: [], files: [] }, files };
}

/**
 * The parsed mail, or why it cannot be read. Any other failure (the pool closed as the relay
 * stops, a parser thread that cannot start) is the relay's, not the mail's: it is held until
 * awaited (so a batch's later mails raise no unhandled rejection), then thrown, and the mail kept.
 */
async function parsed(parsing: Promise<InboundMail>): Promise<InboundMail | { unreadable: string } | { failure: unknown }> {
  try {
    return await parsing;
  } catch (error) {
    return error instanceof UnreadableMail ? { unreadable: error.message } : { failure: error };
  }
}

function judged(mailbox: Mailbox, outcome: Awaited<ReturnType<typeof parsed>>): ReadMail {
  if ('failure' in outcome) throw outcome.failure;
  if ('unreadable' in outcome) return { done: { outcome: 'dropped', reason: 'unreadable', detail: outcome.unreadable } };
  const mail = outcome;
  const kind = kindOfMail(mail);
  if (kind.kind === 'bounce') return { bounce: kind.report };
  const loop = loopOf(mail, mailbox.address);
  if (loop) return { done: { outcome: 'dropped', reason: 'loop', detail: loop } };
  // Answers go where the sender asked (Reply-To), unless that is the mailbox itself.
  const from = mail.replyTo && mail.replyTo.address !== mailbox.address ? mail.replyTo : mail.from;
  if (!from) return { done: { outcome: 'dropped', reason: 'no-sender', detail: 'the mail has no From address' } };
  // The sender the mail came from, not where it asks answers to go: a blocked sender cannot escape by a Reply-To.
  for (const sender of [mail.from, from]) {
    if (sender && isBlockedSender(sender.address, mailbox.blocked)) return { done: { outcome: 'dropped', reason: 'blocked', detail: `${sender.address} is blocked by an administrator` } };
  }
  return { mail, kind, from };
}

/** Stores a read mail. Asks for its commit at once, before any await: mails stored together commit in the order asked. */
function storeReadMail(core: RelayCore, account: ChannelAccount, mailbox: Mailbox, read: ReadMail): Promise<EmailReceipt> {
  if ('done' in read) return Promise.resolve(read.done);
  if ('bounce' in read) return recordBounce(core, account, read.bounce);
  const { mail, kind, from, files = NO_FILES } = read;
  const key = providerKey(account.id, mail.messageId ?? contentKeyOf(mail));
  return core.commit(account.tenantId, async (changes): Promise<EmailReceipt> => {
    if (await changes.store.conversations.findProviderMessage(changes.tenantId, 'email', key)) return { outcome: 'duplicate', key };
    const match = await conversationOfMail(changes, account, mailbox.address, mail);
    if (!match && kind.kind === 'auto-reply') return { outcome: 'dropped', reason: 'auto-reply', detail: `${kind.reason}, answering no conversation` };
    const conversation = match ? await existing(changes, match.conversationId) : await openEmailConversation(core, changes, account, from, mail.subject);
    const message = await storeMail(core, changes, { account, mail: { ...mail, from }, kind: kind.kind, conversation, files });
    await changes.store.conversations.insertProviderMessage(changes.tenantId, 'email', key, message.id);
    return { outcome: 'stored', messageId: message.id, conversationId: conversation.id, kind: kind.kind, threadedBy: match?.by ?? 'new' };
  });
}

async function existing(changes: ChangeSet, conversationId: string) {
  const conversation = await changes.store.conversations.findConversation(changes.tenantId, conversationId);
  if (!conversation) throw new Error(`conversation ${conversationId} vanished within its commit`);
  return conversation;
}

/**
 * The de-duplication key of a mail without a Message-ID: a hash of what its sender wrote (sender,
 * date, subject, text, HTML), not of its bytes, which each server on the way changes (Received,
 * Delivered-To): the same mail fetched by IMAP and delivered directly is one mail.
 */
function contentKeyOf(mail: InboundMail): string {
  const written = JSON.stringify([mail.from?.address ?? '', mail.sentAt, mail.subject, mail.text, mail.html]);
  return `sha256:${createHash('sha256').update(written).digest('hex')}`;
}

/** Our own mail coming back (a forwarding rule pointing at itself, a list echoing us): its Message-ID is one we made, or it is from the mailbox itself. */
function loopOf(mail: InboundMail, mailbox: string): string | null {
  if (mail.messageId && ourMessageIdIn(mail.messageId) && mail.messageId.endsWith(`@${mailDomainOf({ address: mailbox })}>`)) return `${mail.messageId} is one of our replies`;
  if (mail.from?.address === mailbox) return `it is from the mailbox's own address ${mailbox}`;
  return null;
}

/** A failed delivery report marks the reply it names (by the Message-ID we gave it) as not delivered, with the server's words. */
async function recordBounce(core: RelayCore, account: ChannelAccount, report: DeliveryReport | null): Promise<EmailReceipt> {
  if (!report) return { outcome: 'bounce', markedMessageId: null, reason: 'a delay notice: the server is still trying' };
  const ours = report.originalMessageId ? ourMessageIdIn(report.originalMessageId) : null;
  if (!ours) return { outcome: 'bounce', markedMessageId: null, reason: `no reply of ours named: ${report.reason}` };
  const marked = await core.commit(account.tenantId, (changes) =>
    markDelivered(changes, ours, { state: 'failed', at: changes.at, failure: 'undeliverable', detail: `Not delivered: ${report.reason}`.slice(0, 500) }),
  );
  return { outcome: 'bounce', markedMessageId: marked ? ours : null, reason: report.reason };
}
