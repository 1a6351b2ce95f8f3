import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import type { TenantSeed } from '../../src-relay/demo/seed.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import { ACME, login, seedDatabase, tempDatabase, TEST_PASSWORD, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { RETENTION_PATH } from '../../src-shared/protocol/admin.js';
import { waitFor } from '../support/wait.js';

const DAY_MINUTES = 24 * 60;

/** Ann holds two resolved conversations of German customers: one closed 40 days ago, one yesterday. */
const SEED: TenantSeed = {
  ...ACME,
  customers: [
    { id: 'kim', name: 'Kim Weberova', language: 'de-DE' },
    { id: 'max', name: 'Max Mustermann', language: 'de-DE' },
  ],
  conversations: [
    { id: 'old', customer: 'kim', channel: 'webchat', team: 'team-a', assignee: 'ann', status: 'resolved', messages: [{ minutesAgo: 40 * DAY_MINUTES, author: 'customer', body: 'An old question' }] },
    { id: 'recent', customer: 'max', channel: 'webchat', team: 'team-a', assignee: 'ann', status: 'resolved', messages: [{ minutesAgo: DAY_MINUTES, author: 'customer', body: 'A new question' }] },
  ],
};

/** Retention set by an administrator reaches a desk that synced the conversations: the expired one goes, quietly. */
describe('retention on the desks', () => {
  let dir: string;
  let database: TempDatabase;
  let relay: RunningRelay;
  let ann: Workstation;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'retention-desk-'));
    database = await tempDatabase();
    await seedDatabase(database.dbPath, SEED);
    relay = await startRelay({ dbPath: database.dbPath, retentionIntervalMs: 50 });
    ann = Workstation.open({ dbPath: path.join(dir, 'ann.sqlite'), relayUrl: relay.url });
    await ann.handlers['session.login']({ email: 'ann@acme.test', password: TEST_PASSWORD });
  });
  afterEach(async () => {
    await ann.close();
    await relay.close();
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const held = async () => (await ann.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 })).items.map((c) => c.id).sort();

  it('drops the conversation past the period from the desk, with no notice, and keeps the rest', async () => {
    await waitFor('both conversations on the desk', async () => (await held()).length === 2);
    const { token } = await login(relay.url, 'root@acme.test');
    const put = (body: unknown, bearer = token) =>
      fetch(relay.url + RETENTION_PATH, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) });

    // Refused: an agent, and a policy it cannot read; nothing is applied.
    expect((await put({ policy: { action: 'delete', defaultDays: 1, markets: [] } }, (await login(relay.url, 'ann@acme.test')).token)).status).toBe(403);
    expect((await put({ policy: { action: 'delete', defaultDays: 0, markets: [] } })).status).toBe(400);
    expect((await put({ policy: { action: 'delete', defaultDays: null, markets: [{ market: 'Germany', days: 30 }] } })).status).toBe(400);
    expect(await held()).toEqual(['old', 'recent']);

    expect((await put({ policy: { action: 'anonymise', defaultDays: null, markets: [{ market: 'DE', days: 30 }] } })).status).toBe(204);
    await waitFor('the old conversation to leave the desk', async () => (await held()).join() === 'recent');
    expect((await ann.handlers['notices.list']({})).notices).toEqual([]);

    // The administrator sees the policy in the company settings, and the change in the audit log.
    const settings = await fetch(`${relay.url}/api/admin/settings`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await settings.json()) as { retention: unknown }).retention).toEqual({ action: 'anonymise', defaultDays: null, markets: [{ market: 'DE', days: 30 }] });
    const audit = await fetch(`${relay.url}/api/admin/audit?action=settings.retention_changed`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await audit.json()) as { entries: { actorId: string; details: unknown }[] }).entries).toEqual([
      expect.objectContaining({ actorId: 'root', details: { action: 'anonymise', defaultDays: null, markets: ['DE:30'] } }),
    ]);
  });
});
