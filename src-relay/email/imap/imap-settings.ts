/** How the relay reaches one IMAP mailbox (the account's credentials, unsealed just before connecting). */
export type ImapConnectionSettings = ImapServer & ImapLogin;

/** A password, or OAuth2 access tokens. */
export type ImapLogin = { password: string; oauth2?: undefined } | { oauth2: ImapAccessTokens; password?: undefined };

/** OAuth2 sign-in (XOAUTH2 or OAUTHBEARER, as the server offers) instead of a password. */
export interface ImapAccessTokens {
  /** Which grant (token endpoint and client, no secret): a change restarts the watcher; a rotated refresh token does not. */
  grant: string;
  /** An access token, read from the account's credentials as they are now; `stale`: the one the server just refused. */
  accessToken(stale?: string): Promise<string>;
}

interface ImapServer {
  host: string;
  port: number;
  /**
   * TLS from the first byte (993), STARTTLS required after the greeting (143: a server that does
   * not offer it is refused, so the password never crosses in clear), or none (loopback, tests).
   * The same words as the email account's form (channels/email: MailSecurity).
   */
  security: 'tls' | 'starttls' | 'none';
  user: string;
}

/** One folder of one mailbox the relay watches for a tenant. */
export interface WatchedFolder {
  tenantId: string;
  /** The email channel account. */
  accountId: string;
  folder: string;
  connection: ImapConnectionSettings;
  /** How many days back a first connection imports. */
  importDays: number;
}

/** How a watcher waits and retries; the defaults suit a real mail server, tests shorten them. */
export interface WatchTiming {
  /** Without IDLE (or with `useIdle` false), how often the folder is searched for new mail. */
  pollIntervalMs: number;
  /**
   * How long one IDLE lasts before it is renewed (RFC 2177 asks for less than 29 minutes). Each
   * renewal selects the folder again, which sees a replaced folder (a new UIDVALIDITY) that some
   * servers never announce to an idling session: so this bounds how late one is noticed.
   */
  idleRenewMs: number;
  /**
   * How long the connection may stay silent, a command under way or not, before it is given up:
   * a server that stops answering ends in a retry, not a watcher stuck for good. Longer than
   * `idleRenewMs`, for servers that say nothing during an IDLE.
   */
  socketTimeoutMs: number;
  /** The first wait after a failure; doubled after each further one, up to `maxBackoffMs`. */
  firstBackoffMs: number;
  maxBackoffMs: number;
  /** False: poll even when the server offers IDLE. */
  useIdle: boolean;
}

export const DEFAULT_WATCH_TIMING: WatchTiming = {
  pollIntervalMs: 60_000,
  idleRenewMs: 5 * 60_000,
  socketTimeoutMs: 6 * 60_000,
  firstBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
  useIdle: true,
};
