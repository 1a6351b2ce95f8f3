import { accountApi } from '../../channels/channel-accounts.js';
import type { EmailCredentials } from '../../channels/email/email-credentials.js';
import { mailAccessToken } from '../../channels/email/oauth2/mail-access-token.js';
import { MailSignInError } from '../../channels/email/oauth2/mail-sign-in-error.js';
import { oauth2GrantOf } from '../../channels/email/oauth2/oauth2-grant.js';
import type { RelayCore } from '../../relay-core.js';
import type { ChannelAccount } from '../../storage/port/channels.js';
import type { EmailMailboxes } from '../mailboxes.js';
import type { ImapLogin } from './imap-settings.js';

/**
 * How the watcher logs in to the account's IMAP server: its password (the IMAP one, else the
 * SMTP one), or OAuth2 access tokens from the one cache SMTP uses too. The tokens come from the
 * account's credentials as stored at each login, so a refresh token the provider rotated (and the
 * relay sealed) is the one used, without restarting the watcher.
 */
export function imapLoginOf(core: RelayCore, mailboxes: EmailMailboxes, account: ChannelAccount, credentials: EmailCredentials): ImapLogin {
  const grant = oauth2GrantOf(credentials);
  if (!grant) return { password: credentials.imapPassword ?? credentials.smtpPassword ?? '' };
  return {
    oauth2: {
      grant: `${grant.tokenUrl} ${grant.clientId}`,
      accessToken: async (stale) => {
        const current = await core.store.channels.findAccount(account.id);
        const adapter = mailboxes.runtime.adapterOf('email');
        const now = current && mailboxes.credentialsOf(current);
        if (!current || !adapter || now?.signIn !== 'oauth2') throw new MailSignInError('This mailbox no longer signs in with OAuth2.', true);
        return mailAccessToken(now, accountApi(core, mailboxes.runtime, adapter, current), stale);
      },
    },
  };
}
