import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotAvailable, startDovecot, type RunningDovecot } from './support/dovecot.js';
import { appendMails, messageCount, openMailbox, recreateFolder, uidValidityOf } from './support/mail-writer.js';

describe.skipIf(!dovecotAvailable())('the throwaway Dovecot', () => {
  let dovecot: RunningDovecot;
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(() => dovecot?.stop());

  it('logs its user in, takes appended mail, and gives a recreated folder another UIDVALIDITY', async () => {
    const client = await openMailbox(dovecot);
    try {
      expect(client.capabilities.has('IDLE')).toBe(true);
      await appendMails(client, 'INBOX', [1, 2]);
      expect(await messageCount(client, 'INBOX')).toBe(2);
      await client.mailboxCreate('Support');
      const before = await uidValidityOf(client, 'Support');
      await appendMails(client, 'Support', [3]);
      await recreateFolder(client, 'Support');
      expect(await uidValidityOf(client, 'Support')).not.toBe(before);
      expect(await messageCount(client, 'Support')).toBe(0);
    } finally {
      await client.logout();
    }
  });
});
