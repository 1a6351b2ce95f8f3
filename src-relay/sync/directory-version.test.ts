import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient } from '../testing/socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../testing/test-relay.js';

/** The welcome names the directory by version and carries it only to desks whose copy differs. */
describe('the versioned directory in the welcome', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  const clients: SocketClient<RelayFrame>[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    relay = await startRelay({ dbPath: temp.dbPath, tokenTtlMs: 60_000 });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await relay.close();
    await temp.remove();
  });

  async function welcome(email: string, hello: { directoryVersion?: string } = {}) {
    const { token } = await login(relay.url, email);
    const client = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    clients.push(client);
    client.send({ type: 'hello', token, clientId: `${email}-laptop`, ...hello });
    return client.expect('welcome', []);
  }

  const names = (frame: { colleagues?: { name: string }[] | undefined }) => frame.colleagues?.map((c) => c.name);

  it('sends the directory to a desk without a version, and only the version to one whose copy is current', async () => {
    const first = await welcome('ann@acme.test');
    expect(first.directoryVersion).toMatch(/^\S{16,}$/);
    expect(names(first)).toEqual(['Ann', 'Bob', 'Cid', 'Root', 'Sue']);
    expect(first.teams).toEqual([{ id: 'team-a', name: 'Team A' }, { id: 'team-b', name: 'Team B' }]);

    const again = await welcome('ann@acme.test', { directoryVersion: first.directoryVersion });
    expect(again.directoryVersion).toBe(first.directoryVersion);
    expect(again.colleagues).toBeUndefined();
    expect(again.teams).toBeUndefined();

    // Another colleague of the tenant holds the same directory, so the same version fits.
    expect((await welcome('cid@acme.test', { directoryVersion: first.directoryVersion })).colleagues).toBeUndefined();
    const stale = await welcome('ann@acme.test', { directoryVersion: 'an-older-directory' });
    expect(names(stale)).toEqual(names(first));
    expect(stale.directoryVersion).toBe(first.directoryVersion);
  });

  it('sends the directory again once an administrator adds an agent', async () => {
    const before = await welcome('ann@acme.test');
    const admin = (await login(relay.url, 'root@acme.test')).token;
    const created = await fetch(`${relay.url}/api/admin/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ name: 'Dora', email: 'dora@acme.test', role: 'agent', language: 'de', teamIds: ['team-b'], password: 'first-day-2026' }),
    });
    expect(created.status).toBe(201);

    const after = await welcome('ann@acme.test', { directoryVersion: before.directoryVersion });
    expect(after.directoryVersion).not.toBe(before.directoryVersion);
    expect(names(after)).toContain('Dora');
    expect((await welcome('ann@acme.test', { directoryVersion: after.directoryVersion })).colleagues).toBeUndefined();
  });

  it("sees a change another node wrote to the database, with nothing to invalidate", async () => {
    const before = await welcome('ann@acme.test');
    const otherNode = testCore(temp.dbPath);
    try {
      await otherNode.store.transaction((tx) => tx.accounts.setAgentTeams('cid', ['team-a', 'team-b']), { tenantId: 'acme' });
    } finally {
      await otherNode.store.close();
    }
    const after = await welcome('ann@acme.test', { directoryVersion: before.directoryVersion });
    expect(after.directoryVersion).not.toBe(before.directoryVersion);
    expect(after.colleagues?.find((c) => c.id === 'cid')?.teamIds.sort()).toEqual(['team-a', 'team-b']);
  });
});
