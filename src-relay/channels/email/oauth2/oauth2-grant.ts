import type { EmailCredentials } from '../email-credentials.js';

/** Google's token endpoint (developers.google.com/identity/protocols/oauth2/web-server#offline). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** The delegated permissions the refresh token was consented for: IMAP and SMTP as the mailbox's user, and refresh tokens. */
export const MICROSOFT_MAIL_SCOPE = 'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access';
/** App-only access (client credentials): the application permissions granted to the app (IMAP.AccessAsApp, SMTP.SendAsApp). */
export const MICROSOFT_APP_SCOPE = 'https://outlook.office365.com/.default';

/** What a refresh-token grant (RFC 6749 §6) or a client-credentials one (§4.4) needs, and whose it is, for the administrator's messages. */
export interface OAuth2Grant {
  tokenUrl: string;
  clientId: string;
  clientSecret: string | null;
  /** Null: app-only access, with the client's own credentials (Microsoft 365's service principal). */
  refreshToken: string | null;
  /** Sent with the grant where the provider wants it (Microsoft's v2.0 endpoint); null: what was consented. */
  scope: string | null;
  /** "Google", "Microsoft 365", or the token endpoint's host. */
  issuerName: string;
}

/** The mailbox's grant, from its provider preset; null with password sign-in. */
export function oauth2GrantOf(credentials: EmailCredentials): OAuth2Grant | null {
  if (credentials.signIn !== 'oauth2' || !credentials.oauthClientId) return null;
  const common = { clientId: credentials.oauthClientId, clientSecret: credentials.oauthClientSecret ?? null, refreshToken: credentials.oauthRefreshToken ?? null };
  if (!common.refreshToken && !(credentials.oauthProvider === 'microsoft' && common.clientSecret)) return null;
  switch (credentials.oauthProvider) {
    case 'google':
      // The scope (https://mail.google.com/) was fixed at consent; Google refreshes it as it was.
      return { ...common, tokenUrl: GOOGLE_TOKEN_URL, scope: null, issuerName: 'Google' };
    case 'microsoft': {
      const tenant = encodeURIComponent(credentials.oauthTenant ?? 'organizations');
      const scope = common.refreshToken ? MICROSOFT_MAIL_SCOPE : MICROSOFT_APP_SCOPE;
      return { ...common, tokenUrl: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, scope, issuerName: 'Microsoft 365' };
    }
    case 'other':
      return credentials.oauthTokenUrl ? { ...common, tokenUrl: credentials.oauthTokenUrl, scope: null, issuerName: new URL(credentials.oauthTokenUrl).host } : null;
    default:
      return null;
  }
}
