import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A request the token endpoint took, its form as sent. */
export interface TokenRequest {
  form: Record<string, string>;
  status: number;
}

/**
 * A provider's authorization server on loopback, as Google's and Microsoft's behave for a mail
 * client: the token endpoint takes the refresh-token grant (RFC 6749 §6, client authenticated in
 * the form or with HTTP Basic, §2.3.1), and the client-credentials one (§4.4) for a mailbox the
 * app may open itself, and answers §5.1 JSON (or a §5.2 error: `invalid_client`
 * 401, `invalid_grant` 400); the introspection endpoint (RFC 7662) tells a mail server (Dovecot's
 * oauth2 passdb, or a test's SMTP server) whether an access token is active and whose it is.
 * Access tokens are random and known only here, so a mail server that takes one asked this.
 */
export class FakeOAuth2Server {
  readonly tokenRequests: TokenRequest[] = [];
  readonly introspections: string[] = [];
  /** The device authorization requests' forms (RFC 8628 §3.1). */
  readonly deviceCodeRequests: Record<string, string>[] = [];
  /** Seconds an access token lives (expires_in). */
  lifetimeS = 3600;
  /** Whether each grant answers with a new refresh token, the used one no longer good (as Microsoft may). */
  rotate = false;
  /** The mailbox the client may open with its own credentials (client-credentials grant): a service principal given FullAccess. */
  appMailbox: string | null = null;
  private readonly refreshTokens = new Map<string, string>();
  /** Device codes (RFC 8628) by user code, and whose sign-in approved each, once it did. */
  private readonly devices = new Map<string, { deviceCode: string; user: string | null }>();
  private readonly accessTokens = new Map<string, { user: string; expiresAt: number }>();
  /** Authorization codes (RFC 6749 §4.1) given at the consent, with what the token request must repeat. */
  private readonly codes = new Map<string, { user: string; redirectUri: string; challenge: string; offline: boolean }>();
  /** The authorization requests' query parameters, as the browser brought them. */
  readonly authorizationRequests: Record<string, string>[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly client: { id: string; secret: string },
  ) {}

  static async start(): Promise<FakeOAuth2Server> {
    let fake: FakeOAuth2Server | null = null;
    const server = createServer((request, response) => {
      void fake?.handle(request, response).catch(() => response.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    fake = new FakeOAuth2Server(server, `http://127.0.0.1:${port}`, { id: 'relay-client.apps.test', secret: `secret-${randomBytes(8).toString('hex')}` });
    return fake;
  }

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  get authorizationUrl(): string {
    return `${this.url}/auth`;
  }

  get introspectionUrl(): string {
    return `${this.url}/introspect`;
  }

  /** The consent of `user`: a refresh token for the relay's client. */
  consent(user: string): string {
    const token = `1//refresh-${randomBytes(12).toString('base64url')}`;
    this.refreshTokens.set(token, user);
    return token;
  }

  /** The user revoked the app's access (Google Account → Security → Third-party access). */
  revoke(refreshToken: string): void {
    this.refreshTokens.delete(refreshToken);
  }

  /** Every access token issued so far expires now (the server's clock, not the relay's). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  /** Whose the access token is, while it is active; what an SMTP server asks before it takes a login. */
  ownerOf(accessToken: string): string | null {
    const token = this.accessTokens.get(accessToken);
    return token && token.expiresAt > Date.now() ? token.user : null;
  }

  /** The refresh tokens that are good now. */
  liveRefreshTokens(): string[] {
    return [...this.refreshTokens.keys()];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET' && request.url?.startsWith('/auth?')) return this.authorize(request.url, response);
    const form = Object.fromEntries(new URLSearchParams(await bodyOf(request)));
    if (request.method === 'POST' && request.url === '/devicecode') return this.deviceCode(form, response);
    if (request.method === 'POST' && request.url === '/token' && form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') return this.deviceToken(form, response);
    if (request.method === 'POST' && request.url === '/token') return this.token(request, form, response);
    if (request.method === 'POST' && request.url === '/introspect') return this.introspect(form, response);
    answer(response, 404, { error: 'not_found' });
  }

  private token(request: IncomingMessage, form: Record<string, string>, response: ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      this.tokenRequests.push({ form, status });
      answer(response, status, body);
    };
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [form.client_id, form.client_secret];
    if (id !== this.client.id || secret !== this.client.secret) return reply(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    if (form.grant_type === 'client_credentials') {
      // §4.4: no refresh token, ever.
      if (!this.appMailbox) return reply(400, { error: 'unauthorized_client', error_description: 'The app has no application permission.' });
      return reply(200, { access_token: this.issue(this.appMailbox), token_type: 'Bearer', expires_in: this.lifetimeS });
    }
    if (form.grant_type === 'authorization_code') return this.codeGrant(form, reply);
    if (form.grant_type !== 'refresh_token') return reply(400, { error: 'unsupported_grant_type' });
    const user = form.refresh_token ? this.refreshTokens.get(form.refresh_token) : undefined;
    if (!user || !form.refresh_token) return reply(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    const body: Record<string, unknown> = { access_token: this.issue(user), token_type: 'Bearer', expires_in: this.lifetimeS, scope: form.scope ?? 'https://mail.google.com/' };
    if (this.rotate) {
      this.refreshTokens.delete(form.refresh_token);
      body.refresh_token = this.consent(user);
    }
    reply(200, body);
  }

  /** Whose browser signs in at the authorization endpoint; null: the user presses Cancel (error=access_denied). */
  consentingUser: string | null = 'support';

  /**
   * Google's authorization endpoint for an installed app: a loopback redirect URI (any port), the
   * code flow, PKCE with S256; the user signs in and allows, and the browser is sent back with a
   * code and the state (§4.1.2), or an error (§4.1.2.1).
   */
  private authorize(url: string, response: ServerResponse): void {
    const query = Object.fromEntries(new URL(url, this.url).searchParams);
    this.authorizationRequests.push(query);
    const redirect = query.redirect_uri ?? '';
    if (query.client_id !== this.client.id || !/^http:\/\/127\.0\.0\.1:\d+$/.test(redirect)) return answer(response, 400, { error: 'invalid_request' });
    const back = new URL(redirect);
    if (query.state) back.searchParams.set('state', query.state);
    if (query.response_type !== 'code' || query.code_challenge_method !== 'S256' || !query.code_challenge) back.searchParams.set('error', 'invalid_request');
    else if (!this.consentingUser) back.searchParams.set('error', 'access_denied');
    else {
      const code = `4/${randomBytes(16).toString('base64url')}`;
      this.codes.set(code, { user: this.consentingUser, redirectUri: redirect, challenge: query.code_challenge, offline: query.access_type === 'offline' });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  /** §4.1.3 with RFC 7636 §4.6: the code once, the same redirect URI, and the verifier of the challenge. */
  private codeGrant(form: Record<string, string>, reply: (status: number, body: unknown) => void): void {
    const code = this.codes.get(form.code ?? '');
    this.codes.delete(form.code ?? '');
    const verified = code && form.code_verifier && createHash('sha256').update(form.code_verifier, 'ascii').digest('base64url') === code.challenge;
    if (!code || !verified || form.redirect_uri !== code.redirectUri) return reply(400, { error: 'invalid_grant', error_description: 'Bad Request' });
    reply(200, { access_token: this.issue(code.user), token_type: 'Bearer', expires_in: this.lifetimeS, scope: 'https://mail.google.com/', ...(code.offline ? { refresh_token: this.consent(code.user) } : {}) });
  }

  /** The mailbox's user signs in at the verification address with the code the client was given. */
  approveDevice(userCode: string, user: string): void {
    const device = this.devices.get(userCode);
    if (device) device.user = user;
  }

  /** RFC 8628 §3.2, for a public client (no secret). */
  private deviceCode(form: Record<string, string>, response: ServerResponse): void {
    this.deviceCodeRequests.push(form);
    if (form.client_id !== this.client.id) return answer(response, 400, { error: 'invalid_client' });
    const userCode = randomBytes(4).toString('hex').toUpperCase();
    this.devices.set(userCode, { deviceCode: randomBytes(16).toString('base64url'), user: null });
    const deviceCode = this.devices.get(userCode)?.deviceCode;
    answer(response, 200, { device_code: deviceCode, user_code: userCode, verification_uri: 'https://microsoft.com/devicelogin', expires_in: 900, interval: 1, message: `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${userCode} to authenticate.` });
  }

  /** §3.4-3.5: pending until the user signed in, then tokens, the refresh token included (offline_access). */
  private deviceToken(form: Record<string, string>, response: ServerResponse): void {
    const device = [...this.devices.values()].find((candidate) => candidate.deviceCode === form.device_code);
    if (form.client_id !== this.client.id) return answer(response, 400, { error: 'invalid_client' });
    if (!device) return answer(response, 400, { error: 'expired_token' });
    if (!device.user) return answer(response, 400, { error: 'authorization_pending', error_description: 'The user has not yet completed the sign-in.' });
    answer(response, 200, { access_token: this.issue(device.user), token_type: 'Bearer', expires_in: this.lifetimeS, refresh_token: this.consent(device.user) });
  }

  private issue(user: string): string {
    const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(accessToken, { user, expiresAt: Date.now() + this.lifetimeS * 1000 });
    return accessToken;
  }

  /** RFC 7662 §2.2: `active`, and for an active token whose it is. */
  private introspect(form: Record<string, string>, response: ServerResponse): void {
    const token = form.token ?? '';
    this.introspections.push(token);
    const user = this.ownerOf(token);
    answer(response, 200, user ? { active: true, username: user, token_type: 'Bearer', scope: 'https://mail.google.com/' } : { active: false });
  }
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  // RFC 6749 §5.1: tokens are never cached on the way.
  response.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache' });
  response.end(JSON.stringify(body));
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
