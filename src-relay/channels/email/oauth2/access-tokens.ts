import { createHash } from 'node:crypto';
import type { OAuth2Grant } from './oauth2-grant.js';
import { requestAccessToken, type FreshToken } from './token-request.js';

/** A token is renewed this long before the server said it expires (Google and Microsoft give an hour). */
const RENEW_EARLY_MS = 5 * 60_000;
/** The lifetime assumed when the server does not say (expires_in is only RECOMMENDED). */
const UNSAID_LIFETIME_MS = 30 * 60_000;
/** The refresh tokens one grant remembers having had: the credentials a reader still holds may lag a rotation or two. */
const KEPT_ALIASES = 4;

export interface AccessTokenRequest {
  timeoutMs: number;
  /** The access token the server just refused: a new one is fetched unless another caller did so already. */
  stale?: string;
  /** Keeps a refresh token the server rotated (`from` replaced by `to`) where the credentials are stored. */
  keepRefreshToken?(from: string, to: string): Promise<void>;
}

interface Grant {
  /** As it is now: its refresh token the latest the server gave. */
  current: OAuth2Grant;
  token: { value: string; renewAt: number } | null;
  pending: Promise<string> | null;
  aliases: string[];
}

/**
 * One relay's OAuth2 access tokens, by grant (token endpoint, client, refresh token if any): fetched
 * once, kept until shortly before they expire, shared by IMAP and SMTP and by every send, and
 * fetched again when a server refuses one. Callers that ask together wait for one fetch. A
 * refresh token the server rotates replaces the old one here at once (the old one's holders
 * find the same grant), and is handed to `keepRefreshToken` to be sealed.
 */
export class MailAccessTokens {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly options: { now?: () => number; request?: (grant: OAuth2Grant, timeoutMs: number) => Promise<FreshToken> } = {},
  ) {}

  async accessToken(grant: OAuth2Grant, request: AccessTokenRequest): Promise<string> {
    const entry = this.entryOf(grant);
    if (entry.pending) return entry.pending;
    // A kept token that nobody saw refused; after a refusal, one that another caller fetched since.
    if (entry.token && entry.token.renewAt > this.now() && entry.token.value !== request.stale) return entry.token.value;
    entry.pending = this.fetch(entry, request).finally(() => {
      entry.pending = null;
    });
    return entry.pending;
  }

  private async fetch(entry: Grant, request: AccessTokenRequest): Promise<string> {
    const used = entry.current;
    try {
      const fresh = await (this.options.request ?? requestAccessToken)(used, request.timeoutMs);
      const lifetime = fresh.expiresInMs ?? UNSAID_LIFETIME_MS;
      // A short-lived token is kept for half its life rather than not at all.
      entry.token = { value: fresh.accessToken, renewAt: this.now() + lifetime - Math.min(RENEW_EARLY_MS, lifetime / 2) };
      if (fresh.refreshToken) await this.rotate(entry, fresh.refreshToken, request);
      return fresh.accessToken;
    } catch (error) {
      entry.token = null;
      throw error;
    }
  }

  private async rotate(entry: Grant, refreshToken: string, request: AccessTokenRequest): Promise<void> {
    const from = entry.current.refreshToken;
    if (from === null) return; // app-only access has no refresh token to replace
    entry.current = { ...entry.current, refreshToken };
    const alias = keyOf(entry.current);
    entry.aliases.push(alias);
    this.grants.set(alias, entry);
    for (const old of entry.aliases.splice(0, Math.max(0, entry.aliases.length - KEPT_ALIASES))) this.grants.delete(old);
    // The token is good whatever becomes of the sealing: its failure is the keeper's to report.
    await request.keepRefreshToken?.(from, refreshToken).catch(() => undefined);
  }

  private entryOf(grant: OAuth2Grant): Grant {
    const key = keyOf(grant);
    let entry = this.grants.get(key);
    if (!entry) {
      entry = { current: grant, token: null, pending: null, aliases: [key] };
      this.grants.set(key, entry);
    }
    return entry;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** Secrets only hashed into the key, so that new credentials never use an old grant's tokens. */
function keyOf(grant: OAuth2Grant): string {
  return createHash('sha256').update([grant.tokenUrl, grant.clientId, grant.clientSecret ?? '', grant.refreshToken].join('\n')).digest('hex');
}

/** The relay process's tokens (one process may run several relays in tests: their grants differ). */
export const MAIL_ACCESS_TOKENS = new MailAccessTokens();
