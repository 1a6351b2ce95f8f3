import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../../src-node/testing/postgres-schema.js';
import { HttpError, LoginResponse } from '../../src-shared/protocol/auth.js';
import { CLOSE_UNAUTHORIZED, RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient } from '../testing/socket-client.js';
import { login, seedDatabase, TEST_PASSWORD, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

const CLOSE_TRY_AGAIN_LATER = 1013;
const onPostgres = await postgresAvailable();

describe('access changes reach open connections', () => {
  let temp: TempDatabase;
  const relays: RunningRelay[] = [];
  const clients: SocketClient<RelayFrame>[] = [];
  let clock = 1_800_000_000_000;

  beforeEach(async () => {
    clock = 1_800_000_000_000;
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const relay of relays.splice(0)) await relay.close();
    await temp.remove();
  });

  async function relayOn(dbPath: string, accessCheckIntervalMs = 60_000): Promise<RunningRelay> {
    const relay = await startRelay({ dbPath, now: () => clock, tokenTtlMs: 60_000, accessCheckIntervalMs });
    relays.push(relay);
    return relay;
  }
  async function desk(relay: RunningRelay, token: string, clientId: string): Promise<SocketClient<RelayFrame>> {
    const client = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    clients.push(client);
    client.send({ type: 'hello', token, clientId });
    return client;
  }
  const call = (relay: RunningRelay, method: string, path: string, token: string, body?: unknown) =>
    fetch(`${relay.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  async function errorOf(response: Response): Promise<{ status: number; code: string }> {
    return { status: response.status, code: HttpError.parse(await response.json()).error.code };
  }

  it('signs out every desk of the account when it signs out everywhere', async () => {
    const relay = await relayOn(temp.dbPath);
    const laptop = await login(relay.url, 'ann@acme.test');
    const phone = await login(relay.url, 'ann@acme.test');
    const bob = await login(relay.url, 'bob@acme.test');
    const desks = [await desk(relay, laptop.token, 'laptop'), await desk(relay, phone.token, 'phone')];
    const bobsDesk = await desk(relay, bob.token, 'bob');
    for (const client of [...desks, bobsDesk]) await client.expect('welcome', []);

    expect((await call(relay, 'POST', '/api/logout-everywhere', phone.token)).status).toBe(204);
    for (const client of desks) {
      expect(await client.expect('error')).toMatchObject({ code: 'unauthorized', message: 'You signed out everywhere.' });
      expect((await client.closed).code).toBe(CLOSE_UNAUTHORIZED);
    }
    for (const token of [laptop.token, phone.token]) expect(await errorOf(await call(relay, 'GET', '/api/supervisor/live', token))).toEqual({ status: 401, code: 'unauthorized' });
    // Bob's desk is untouched.
    bobsDesk.send({ type: 'pull', cursor: 0 });
    expect((await bobsDesk.expect('events')).type).toBe('events');
  });

  it("re-scopes a desk whose role changed, and ends a disabled account's desks and sign-ins", async () => {
    const relay = await relayOn(temp.dbPath);
    const root = await login(relay.url, 'root@acme.test');
    const bob = await login(relay.url, 'bob@acme.test');
    const bobsDesk = await desk(relay, bob.token, 'bob');
    expect((await bobsDesk.expect('welcome', [])).agent.role).toBe('agent');

    expect(await errorOf(await call(relay, 'PUT', '/api/admin/agents/bob/role', bob.token, { role: 'admin' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(await errorOf(await call(relay, 'PUT', '/api/admin/agents/bob/role', root.token, { role: 'boss' }))).toEqual({ status: 400, code: 'bad_request' });
    expect(await errorOf(await call(relay, 'PUT', '/api/admin/agents/gil/role', root.token, { role: 'agent' }))).toEqual({ status: 404, code: 'not_found' });
    expect((await call(relay, 'PUT', '/api/admin/agents/bob/role', root.token, { role: 'supervisor' })).status).toBe(204);
    expect((await bobsDesk.closed).code).toBe(CLOSE_TRY_AGAIN_LATER);
    const again = await desk(relay, bob.token, 'bob');
    expect((await again.expect('welcome', [])).agent.role).toBe('supervisor');

    expect((await call(relay, 'PUT', '/api/admin/agents/bob/access', root.token, { disabled: true })).status).toBe(204);
    expect(await again.expect('error')).toMatchObject({ code: 'unauthorized' });
    expect((await again.closed).code).toBe(CLOSE_UNAUTHORIZED);
    const refused = await fetch(`${relay.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bob@acme.test', password: TEST_PASSWORD }) });
    expect(await errorOf(refused)).toEqual({ status: 401, code: 'account_disabled' });
    expect((await call(relay, 'PUT', '/api/admin/agents/bob/access', root.token, { disabled: false })).status).toBe(204);
    expect(LoginResponse.parse(await (await login(relay.url, 'bob@acme.test'))).agent.role).toBe('supervisor');
  });

  it('answers an expired, a revoked, a malformed and a made-up token with the same code on HTTP and the sync socket', async () => {
    const relay = await relayOn(temp.dbPath);
    const expired = (await login(relay.url, 'ann@acme.test')).token;
    clock += 60_000;
    const revoked = (await login(relay.url, 'ann@acme.test')).token;
    expect((await call(relay, 'POST', '/api/logout', revoked)).status).toBe(204);
    const madeUp = 'A'.repeat(43);
    for (const token of [expired, revoked, madeUp, 'not-a-token', `${expired}x`]) {
      for (const path of ['/api/supervisor/live', '/api/admin/audit', '/api/files/some-file', '/api/two-factor']) {
        expect(await errorOf(await call(relay, 'GET', path, token))).toEqual({ status: 401, code: 'unauthorized' });
      }
      const client = await desk(relay, token, 'any');
      expect((await client.expect('error', [])).code).toBe('unauthorized');
      expect((await client.closed).code).toBe(CLOSE_UNAUTHORIZED);
    }
  });

  it.skipIf(!onPostgres)('ends a desk on another node of a cluster within the access check', async () => {
    await temp.remove();
    temp = await tempDatabase('postgres');
    await seedDatabase(temp.dbPath);
    const [nodeA, nodeB] = [await relayOn(temp.dbPath, 200), await relayOn(temp.dbPath, 200)];
    const { token } = await login(nodeA.url, 'ann@acme.test');
    const onB = await desk(nodeB, token, 'laptop');
    await onB.expect('welcome', []);
    expect((await call(nodeA, 'POST', '/api/logout-everywhere', token)).status).toBe(204);
    expect((await onB.expect('error')).code).toBe('unauthorized');
    expect((await onB.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });
});
