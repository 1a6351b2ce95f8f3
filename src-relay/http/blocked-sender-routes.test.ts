import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_SETTINGS_PATH, AdminSettings } from '../../src-shared/protocol/admin.js';
import { BLOCKED_SENDERS_PATH } from '../../src-shared/protocol/blocked-senders.js';
import { startRelay, type RunningRelay } from '../server.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

/** Administrators block senders and domains over HTTP; the list comes with the company settings. */
describe('blocked senders by an administrator', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let admin: string;

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    relay = await startRelay({ dbPath: temp.dbPath });
    admin = (await login(relay.url, 'root@acme.test')).token;
  });
  afterEach(async () => {
    await relay.close();
    await temp.remove();
  });

  const send = (method: 'POST' | 'DELETE', body: unknown, token = admin) =>
    fetch(`${relay.url}${BLOCKED_SENDERS_PATH}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const listed = async () => {
    const response = await fetch(`${relay.url}${ADMIN_SETTINGS_PATH}`, { headers: { authorization: `Bearer ${admin}` } });
    return AdminSettings.parse(await response.json()).blockedSenders.map(({ kind, value, blockedBy }) => ({ kind, value, blockedBy }));
  };

  it('blocks addresses and domains as typed, stored normalized and once, and unblocks them', async () => {
    const first = await send('POST', { value: ' Boss@Müller.Example ' });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ entry: { kind: 'address', value: 'boss@xn--mller-kva.example' } });
    expect((await send('POST', { value: '*.spam.example' })).status).toBe(201);
    expect((await send('POST', { value: '@SPAM.example' })).status).toBe(200);
    expect(await listed()).toEqual([
      { kind: 'address', value: 'boss@xn--mller-kva.example', blockedBy: 'Root' },
      { kind: 'domain', value: 'spam.example', blockedBy: 'Root' },
    ]);
    expect((await send('DELETE', { value: 'spam.example' })).status).toBe(204);
    expect((await send('DELETE', { value: 'spam.example' })).status).toBe(404);
    expect((await listed()).map((entry) => entry.value)).toEqual(['boss@xn--mller-kva.example']);
  });

  it('refuses what is neither an address nor a domain, and anyone but an administrator', async () => {
    const bad = await send('POST', { value: 'not a domain' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/email address or a domain/);
    expect((await send('POST', { value: 'spam.example', extra: 1 })).status).toBe(400);
    const supervisor = (await login(relay.url, 'sue@acme.test')).token;
    expect((await send('POST', { value: 'spam.example' }, supervisor)).status).toBe(403);
    expect((await send('DELETE', { value: 'spam.example' }, supervisor)).status).toBe(403);
    expect(await listed()).toEqual([]);
  });
});
