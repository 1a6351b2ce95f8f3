import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant } from '../../src-relay/demo/seed.js';
import { MailParserPool, MailParserPoolClosed } from '../../src-relay/email/mail-parser-pool.js';
import { attachMailboxes } from '../../src-relay/email/mailboxes.js';
import { receiveEmails } from '../../src-relay/email/receive-email.js';
import type { RelayCore } from '../../src-relay/relay-core.js';
import type { ChannelAccount } from '../../src-relay/storage/port/channels.js';
import { ACME, TEST_PASSWORD_COST, testCore } from '../../src-relay/testing/test-relay.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

function mail(messageId: string, subject: string, text: string, inReplyTo?: string): Buffer {
  const threading = inReplyTo ? [`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`] : [];
  return Buffer.from(
    ['From: Kim <kim@example.com>', 'To: support@acme.test', `Subject: ${subject}`, `Message-ID: ${messageId}`, ...threading, 'Date: Sun, 6 Dec 2026 09:00:00 +0000', 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n'),
  );
}

/** A batch of mails as the IMAP intake hands them over: stored in order, together. */
describe('receiveEmails', () => {
  let core: RelayCore;
  let account: ChannelAccount;

  beforeAll(async () => {
    core = testCore();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    const mailbox = await connectMailbox(core, mailboxCredentials(2525));
    account = mailbox.account;
    attachMailboxes(core, mailbox.runtime);
  });
  afterAll(() => core.store.close());

  it('stores a batch in its order: an answer joins the mail before it in the same batch, and a copy is found again', async () => {
    const first = mail('<order-5@example.com>', 'Order 5', 'Where is order 5?');
    const { receipts, failure } = await receiveEmails(core, account, [
      first,
      mail('<order-5-more@example.com>', 'Re: Order 5', 'It was a gift, please hurry.', '<order-5@example.com>'),
      first,
      mail('<order-6@example.com>', 'Order 5', 'Same subject, another question.'),
    ]);
    expect(failure).toBeUndefined();
    expect(receipts.map((receipt) => receipt.outcome)).toEqual(['stored', 'stored', 'duplicate', 'stored']);
    const [opened, answer, , other] = receipts;
    if (opened?.outcome !== 'stored' || answer?.outcome !== 'stored' || other?.outcome !== 'stored') throw new Error('not stored');
    expect(answer).toMatchObject({ conversationId: opened.conversationId, threadedBy: 'headers' });
    // The subject alone threads nothing.
    expect(other.conversationId).not.toBe(opened.conversationId);
  });

  it('drops a mail that runs its parser thread out of memory as unreadable, with why; the rest of the batch is stored, and nothing twice when read again', async () => {
    const parsers = new MailParserPool({ threads: 1, heapMb: 16 });
    try {
      const heavy = mail('<heavy@example.com>', 'Heavy', 'many words '.repeat(600_000));
      // Made anew for each delivery: a batch's sources are moved to the parser threads, as the intake fetches them anew.
      const batch = () => [mail('<before-heavy@example.com>', 'Before', 'First.'), Buffer.from(heavy), mail('<after-heavy@example.com>', 'After', 'Last.')];
      const first = await receiveEmails(core, account, batch(), parsers);
      expect(first.failure).toBeUndefined();
      expect(first.receipts.map((receipt) => receipt.outcome)).toEqual(['stored', 'dropped', 'stored']);
      expect(first.receipts[1]).toEqual({ outcome: 'dropped', reason: 'unreadable', detail: "The mail could not be read: reading it needs more than the parser's 16 MB of memory." });
      expect(await core.store.email.findByHeaderMessageId('acme', '<heavy@example.com>')).toBeNull();
      // The intake reads a batch again after a restart: the same outcomes, nothing stored twice.
      const again = await receiveEmails(core, account, batch(), parsers);
      expect(again.receipts.map((receipt) => receipt.outcome)).toEqual(['duplicate', 'dropped', 'duplicate']);
    } finally {
      await parsers.close();
    }
  });

  it('counts none of a batch as delivered when the parsers close under it (the relay stopping): the intake reads it again', async () => {
    const parsers = new MailParserPool({ threads: 1 });
    await parsers.close();
    await expect(receiveEmails(core, account, [mail('<closed-1@example.com>', 'Closed', 'Not read yet.')], parsers)).rejects.toBeInstanceOf(MailParserPoolClosed);
    expect(await core.store.email.findByHeaderMessageId('acme', '<closed-1@example.com>')).toBeNull();
  });

  it('counts a batch of nothing as delivered', async () => {
    expect(await receiveEmails(core, account, [])).toEqual({ receipts: [] });
  });
});
