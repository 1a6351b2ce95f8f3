import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant } from '../../src-relay/demo/seed.js';
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

  it('counts a batch of nothing as delivered', async () => {
    expect(await receiveEmails(core, account, [])).toEqual({ receipts: [] });
  });
});
