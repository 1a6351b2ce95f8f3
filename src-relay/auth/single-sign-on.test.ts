import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, LoginResponse } from '../../src-shared/protocol/auth.js';
import { AuditPage } from '../../src-shared/protocol/audit.js';
import { SSO_CALLBACK_PATH, SSO_CONFIG_PATH, SSO_EXCHANGE_PATH, SsoProviderList, ssoStartPath } from '../../src-shared/protocol/single-sign-on.js';
import { startRelay, type RunningRelay } from '../server.js';
import { startTestProvider, type TestProvider } from '../testing/oidc-test-provider.js';
import { seedDatabase, TEST_PASSWORD, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

/** A browser: follows redirects by hand, keeping each host's cookies. */
class Browser {
  private readonly cookies = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  /** Follows redirects until a page answers; returns it and the last URL. */
  async follow(response: Response, from: string): Promise<{ response: Response; url: string }> {
    let url = from;
    while (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location') ?? '', url).href;
      response = await this.get(url);
    }
    return { response, url };
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }
}

function deskKey(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('single sign-on with OpenID Connect', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let provider: TestProvider;
  let adminToken: string;

  beforeAll(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath);
    // A key of the test's own: on PostgreSQL there is no database file for the key to sit beside.
    relay = await startRelay({ dbPath: temp.dbPath, channels: { secretsKey: randomBytes(32) } });
    provider = await startTestProvider(`${relay.url}${SSO_CALLBACK_PATH}`, {
      ann: { email: 'ann@acme.test', emailVerified: true },
      'ann-unverified': { email: 'ann@acme.test', emailVerified: false },
      stranger: { email: 'stranger@acme.test', emailVerified: true },
      root: { email: 'root@acme.test', emailVerified: true },
      bob: { email: 'bob@acme.test', emailVerified: true },
      gil: { email: 'gil@globex.test', emailVerified: true },
    });
    adminToken = await passwordLogin('root@acme.test');
    const saved = await api('PUT', SSO_CONFIG_PATH, adminToken, { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, displayName: 'Acme SSO' });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await relay.close();
    await provider.close();
    await temp.remove();
  });

  const api = (method: string, path: string, token: string | null, body?: unknown) =>
    fetch(`${relay.url}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  async function passwordLogin(email: string): Promise<string> {
    return LoginResponse.parse(await (await api('POST', '/api/login', null, { email, password: TEST_PASSWORD })).json()).token;
  }
  const exchange = (verifier: string) => api('POST', SSO_EXCHANGE_PATH, null, { verifier });

  /** Starts at the relay, signs in on the provider's login page; returns the callback URL the provider sent the browser to, not yet opened. */
  async function signInAtProvider(browser: Browser, login: string, challenge: string, tenant = 'acme'): Promise<string> {
    const start = `${relay.url}${ssoStartPath(tenant)}?desk=${challenge}`;
    const { response: loginPage, url: loginUrl } = await browser.follow(await browser.get(start), start);
    const html = await loginPage.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    expect(action, html).toBeDefined();
    let response = await browser.post(new URL(action!, loginUrl).href, { prompt: 'login', login, password: 'any' });
    let url = loginUrl;
    while (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location') ?? '', url).href;
      if (url.startsWith(`${relay.url}${SSO_CALLBACK_PATH}`)) return url;
      response = await browser.get(url);
    }
    throw new Error(`The provider did not send the browser back: ${response.status} ${await response.text()}`);
  }

  async function auditActions(): Promise<{ action: string; target: unknown; details: unknown }[]> {
    const page = AuditPage.parse(await (await api('GET', '/api/admin/audit', adminToken)).json());
    return page.entries.map((entry) => ({ action: entry.action, target: entry.target, details: entry.details }));
  }

  it('lists the companies that sign in with a provider, by the name the administrator gave', async () => {
    expect(SsoProviderList.parse(await (await api('GET', '/api/sso', null)).json())).toEqual({ providers: [{ tenantId: 'acme', name: 'Acme SSO' }] });
    const config = (await (await api('GET', SSO_CONFIG_PATH, adminToken)).json()) as { config: Record<string, unknown> };
    expect(config.config).toMatchObject({ issuer: provider.issuer, clientId: provider.clientId, displayName: 'Acme SSO' });
    expect(JSON.stringify(config)).not.toContain(provider.clientSecret);
    expect((await api('PUT', SSO_CONFIG_PATH, await passwordLogin('ann@acme.test'), { issuer: 'https://x.test', clientId: 'x', clientSecret: 'y', displayName: 'X' })).status).toBe(403);
  });

  it('signs in the account with the verified email, once, and the desk gets its token with its verifier only', async () => {
    const browser = new Browser();
    const desk = deskKey();
    expect(HttpError.parse(await (await exchange(desk.verifier)).json()).error.code).toBe('sso_pending');
    const callback = await signInAtProvider(browser, 'ann', desk.challenge);
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();
    const page = await browser.get(callback);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('Welcome, Ann.');

    expect((await exchange(deskKey().verifier)).status).toBe(404);
    const signIn = LoginResponse.parse(await (await exchange(desk.verifier)).json());
    expect(signIn.agent).toMatchObject({ id: 'ann', tenantId: 'acme' });
    expect((await api('GET', '/api/two-factor', signIn.token)).status).toBe(200);
    // The handoff is taken once.
    expect((await exchange(desk.verifier)).status).toBe(404);
    expect(await auditActions()).toContainEqual({ action: 'auth.signed_in', target: { type: 'account', id: 'ann' }, details: { method: 'sso' } });
  });

  it('refuses a replayed callback, and a forged state', async () => {
    const browser = new Browser();
    const desk = deskKey();
    const callback = await signInAtProvider(browser, 'ann', desk.challenge);
    expect((await browser.get(callback)).status).toBe(200);
    const replayed = await browser.get(callback);
    expect(replayed.status).toBe(403);
    expect(await replayed.text()).toContain('expired or was used already');

    const other = deskKey();
    const fresh = new URL(await signInAtProvider(new Browser(), 'ann', other.challenge));
    fresh.searchParams.set('state', randomBytes(32).toString('base64url'));
    expect((await browser.get(fresh.href)).status).toBe(403);
    expect((await exchange(other.verifier)).status).toBe(404);
  });

  it('refuses a code replayed with a fresh state: the provider takes each code once', async () => {
    const first = new URL(await signInAtProvider(new Browser(), 'ann', deskKey().challenge));
    expect((await fetch(first.href)).status).toBe(200);
    const desk = deskKey();
    const second = new URL(await signInAtProvider(new Browser(), 'ann', desk.challenge));
    second.searchParams.set('code', first.searchParams.get('code')!);
    const page = await fetch(second.href);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('The provider did not sign you in');
    expect(HttpError.parse(await (await exchange(desk.verifier)).json()).error.code).toBe('sso_refused');
  });

  it('refuses an email the provider has not verified, an unknown account, another company\'s and a disabled one, audited', async () => {
    const cases: [string, string, string | null][] = [
      ['ann-unverified', 'has not verified your email', null],
      ['stranger', 'No account here has the email stranger@acme.test', 'stranger@acme.test'],
      ['gil', 'No account here has the email gil@globex.test', 'gil@globex.test'],
    ];
    for (const [login, message, target] of cases) {
      const desk = deskKey();
      const page = await fetch(await signInAtProvider(new Browser(), login, desk.challenge));
      expect(page.status).toBe(403);
      expect(await page.text()).toContain(message);
      const refusal = HttpError.parse(await (await exchange(desk.verifier)).json()).error;
      expect(refusal).toMatchObject({ code: 'sso_refused' });
      expect(refusal.message).toContain(message);
      expect(await auditActions()).toContainEqual({ action: 'auth.sign_in_failed', target: target && { type: 'email', id: target }, details: { method: 'sso' } });
    }

    expect((await api('PUT', '/api/admin/agents/bob/access', adminToken, { disabled: true })).status).toBeLessThan(300);
    const desk = deskKey();
    const page = await fetch(await signInAtProvider(new Browser(), 'bob', desk.challenge));
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This account is disabled');
    expect(await auditActions()).toContainEqual({ action: 'auth.sign_in_failed', target: { type: 'account', id: 'bob' }, details: { method: 'sso' } });
  });

  it('takes an administrator whose company requires two-factor sign-in only with a second factor from the provider', async () => {
    expect((await api('PUT', '/api/admin/two-factor-policy', adminToken, { adminsNeedTwoFactor: true })).status).toBe(200);
    const desk = deskKey();
    const page = await fetch(await signInAtProvider(new Browser(), 'root', desk.challenge));
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('requires two-factor sign-in for administrators');
    expect((await exchange(desk.verifier)).status).toBe(401);
  });

  it('answers a start for a company without a provider, or without a desk key, with a page', async () => {
    expect((await fetch(`${relay.url}${ssoStartPath('globex')}?desk=${deskKey().challenge}`)).status).toBe(404);
    expect((await fetch(`${relay.url}${ssoStartPath('acme')}?desk=short`)).status).toBe(400);
    expect((await api('POST', SSO_EXCHANGE_PATH, null, { verifier: 'x' })).status).toBe(400);
  });
});
