import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailCredentials, folderListOf } from '../../src-relay/channels/email/email-credentials.js';
import { checkEmailConnection } from '../../src-relay/channels/email/email-sender.js';
import { CaptureSmtp } from './capture-smtp.js';
import { mailboxCredentials } from './email-test-relay.js';

/** The administrator's "test connection" for a mailbox: nodemailer's verify() against a real SMTP server. */
describe('testing an email connection', () => {
  let server: CaptureSmtp;
  beforeAll(async () => {
    server = await CaptureSmtp.start();
  });
  afterAll(() => server.close());

  it('names the mailbox when the server greets and takes the login, and says why when it cannot be reached', async () => {
    const api = { baseUrl: 'smtp://', timeoutMs: 2_000 };
    expect(await checkEmailConnection(EmailCredentials.parse(mailboxCredentials(server.port)), api)).toEqual({ ok: true, accountName: 'Acme Support <support@acme.test>' });
    expect(server.logins).toEqual(['support@acme.test']);
    const closed = await checkEmailConnection(EmailCredentials.parse(mailboxCredentials(1)), api);
    expect(closed).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('refuses incomplete credentials: DKIM all or nothing, and some way for mail to come in', () => {
    expect(EmailCredentials.safeParse(mailboxCredentials(25, { dkimDomain: 'acme.test' })).success).toBe(false);
    expect(EmailCredentials.safeParse(mailboxCredentials(25, { directDelivery: 'off' })).success).toBe(false);
    expect(EmailCredentials.safeParse(mailboxCredentials(25, { directDelivery: 'off', imapHost: 'imap.acme.test' })).success).toBe(true);
    expect(EmailCredentials.parse(mailboxCredentials(25, { address: 'Support@ACME.test' })).address).toBe('support@acme.test');
  });

  it('takes the folders to watch and the days to import, with their defaults, and refuses what IMAP cannot watch', () => {
    expect(EmailCredentials.parse(mailboxCredentials(25))).toMatchObject({ imapFolders: 'INBOX', imapImportDays: 14 });
    const chosen = EmailCredentials.parse(mailboxCredentials(25, { imapFolders: 'INBOX, Support , INBOX', imapImportDays: '30' }));
    expect(folderListOf(chosen.imapFolders)).toEqual(['INBOX', 'Support']);
    expect(chosen.imapImportDays).toBe(30);
    for (const imapFolders of [' , ', 'Support/*', 'Archive%', Array.from({ length: 11 }, (_, n) => `F${n}`).join(',')]) {
      expect(EmailCredentials.safeParse(mailboxCredentials(25, { imapFolders })).success).toBe(false);
    }
    expect(EmailCredentials.safeParse(mailboxCredentials(25, { imapImportDays: '-1' })).success).toBe(false);
    expect(EmailCredentials.safeParse(mailboxCredentials(25, { imapImportDays: 'a week' })).success).toBe(false);
  });
});
