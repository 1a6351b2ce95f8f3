import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, LoginResponse } from '../../src-shared/protocol/auth.js';
import { startRelay, type RunningRelay } from '../server.js';
import { seedDatabase, tempDatabase, TEST_PASSWORD, type TempDatabase } from '../testing/test-relay.js';
import { bearerToken } from './auth-routes.js';

describe('relay http', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;

  beforeAll(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath);
    relay = await startRelay({ dbPath: temp.dbPath });
  });
  afterAll(async () => {
    await relay.close();
    await temp.remove();
  });

  const post = (path: string, body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${relay.url}${path}`, { method: 'POST', headers, body });

  async function expectHttpError(response: Response, status: number, code: string): Promise<string> {
    expect(response.status).toBe(status);
    const body = HttpError.parse(await response.json());
    expect(body.error.code).toBe(code);
    return body.error.message;
  }

  it('listens on 127.0.0.1 and answers /healthz', async () => {
    expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${relay.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('signs in with the right password and answers a LoginResponse', async () => {
    const response = await post('/api/login', JSON.stringify({ email: 'ann@acme.test', password: TEST_PASSWORD }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(LoginResponse.parse(await response.json()).agent.id).toBe('ann');
  });

  it('answers every failure with the HttpError shape', async () => {
    await expectHttpError(await post('/api/login', JSON.stringify({ email: 'ann@acme.test', password: 'wrong' })), 401, 'invalid_credentials');
    expect(await expectHttpError(await post('/api/login', JSON.stringify({ email: 'ann@acme.test' })), 400, 'bad_request')).toMatch(/password/);
    await expectHttpError(await post('/api/login', '{"email":'), 400, 'bad_request');
    await expectHttpError(await post('/api/login', undefined), 400, 'bad_request');
    await expectHttpError(await post('/api/login', JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(40_000) })), 413, 'too_large');
    await expectHttpError(await fetch(`${relay.url}/nothing-here`), 404, 'not_found');
  });

  it('revokes a token on logout, and wants a bearer token', async () => {
    const { token } = LoginResponse.parse(await (await post('/api/login', JSON.stringify({ email: 'bob@acme.test', password: TEST_PASSWORD }))).json());
    expect((await post('/api/logout', undefined, { authorization: `Bearer ${token}` })).status).toBe(204);
    expect((await post('/api/logout', undefined, { authorization: `Bearer ${token}`, 'content-type': 'application/json' })).status).toBe(204);
    await expectHttpError(await post('/api/logout', undefined, {}), 401, 'unauthorized');
  });

  it('serves the chat page with a CSP that allows no inline script and any framing site', async () => {
    const response = await fetch(`${relay.url}/chat?tenant=acme`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('frame-ancestors *');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('src="/chat.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    for (const id of ['chat-name', 'chat-start', 'chat-input', 'chat-send']) expect(html).toContain(`data-testid="${id}"`);
  });

  it('serves the page script, its style and the embeddable widget', async () => {
    const script = await fetch(`${relay.url}/chat.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const code = await script.text();
    expect(code).toContain('textContent');
    expect(code).not.toContain('innerHTML');
    expect((await fetch(`${relay.url}/chat.css`)).headers.get('content-type')).toMatch(/text\/css/);
    const widget = await fetch(`${relay.url}/widget.js`);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await widget.text()).toContain('/chat?embedded=1');
  });
});

describe('bearerToken', () => {
  it('reads a bearer token and nothing else', () => {
    expect(bearerToken('Bearer abc_DEF-123')).toBe('abc_DEF-123');
    expect(bearerToken('bearer abc')).toBeNull();
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
