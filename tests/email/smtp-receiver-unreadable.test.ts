import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant } from '../../src-relay/demo/seed.js';
import { MailParserPool } from '../../src-relay/email/mail-parser-pool.js';
import { attachMailboxes } from '../../src-relay/email/mailboxes.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../src-relay/email/smtp-receiver.js';
import type { RelayCore } from '../../src-relay/relay-core.js';
import { ACME, TEST_PASSWORD_COST, testCore } from '../../src-relay/testing/test-relay.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

/** Direct delivery of a mail the relay cannot read: refused, so the sender's server tells the sender, rather than taken and lost. */
describe('the SMTP receiver and a mail it cannot read', () => {
  let core: RelayCore;
  let receiver: SmtpReceiver;
  // Threads with little memory, so that a mail of a few MB stands for a hostile one.
  const parsers = new MailParserPool({ threads: 1, heapMb: 16 });

  beforeAll(async () => {
    core = testCore();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    const { runtime } = await connectMailbox(core, mailboxCredentials(2525, { directDelivery: 'on' }));
    receiver = await startSmtpReceiver(core, attachMailboxes(core, runtime), { port: 0, host: '127.0.0.1' }, parsers);
  });
  afterAll(async () => {
    await receiver?.close();
    await parsers.close();
    await core?.store.close();
  });

  it('answers 554 with why, stores nothing of it, and takes the next mail as usual', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
    try {
      const heavy = transport.sendMail({ from: 'kim@example.com', to: 'support@acme.test', subject: 'Heavy', messageId: '<smtp-heavy@example.com>', text: 'many words '.repeat(600_000) });
      await expect(heavy).rejects.toMatchObject({ responseCode: 554, response: expect.stringMatching(/needs more than the parser's 16 MB of memory/) });
      expect(await core.store.email.findByHeaderMessageId('acme', '<smtp-heavy@example.com>')).toBeNull();
      const info = await transport.sendMail({ from: 'kim@example.com', to: 'support@acme.test', subject: 'Light', messageId: '<smtp-light@example.com>', text: 'A short question.' });
      expect(info.accepted).toEqual(['support@acme.test']);
      expect(await core.store.email.findByHeaderMessageId('acme', '<smtp-light@example.com>')).not.toBeNull();
    } finally {
      transport.close();
    }
  });
});
