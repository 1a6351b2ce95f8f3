import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_SETTINGS_PATH, AdminSettings } from '../../src-shared/protocol/admin.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { startRelay, type RunningRelay } from '../server.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { SocketClient, WEBCHAT_QUIET } from '../testing/socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

/** Administrators change routing settings over HTTP; the next decision uses them, without a restart. */
describe('routing settings by an administrator', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let admin: string;
  const sockets: { close(): void }[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    relay = await startRelay({ dbPath: temp.dbPath });
    admin = (await login(relay.url, 'root@acme.test')).token;
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
  });

  const send = (method: 'PUT' | 'POST', path: string, body: unknown, token = admin) =>
    fetch(`${relay.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const put = (path: string, body: unknown, token = admin) => send('PUT', path, body, token);
  const post = (path: string, body: unknown, token = admin) => send('POST', path, body, token);
  const settings = async (token = admin) => {
    const response = await fetch(`${relay.url}${ADMIN_SETTINGS_PATH}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: response.ok ? AdminSettings.parse(await response.json()) : null };
  };

  async function chat(language: string) {
    const page = await SocketClient.open(relay.url.replace(/^http/, 'ws') + WEBCHAT_PATH, WebchatServerFrame);
    sockets.push(page);
    page.send({ type: 'hello', tenant: 'acme', name: 'Kim', language });
    return page.expect('ready', WEBCHAT_QUIET);
  }

  it('closes a team at once: the next customer is told when it opens', async () => {
    expect((await chat('ja')).messages).toEqual([]);
    // Team B works one minute a week, at Sunday midnight in Tokyo: closed now, whatever the day.
    const response = await put('/api/admin/teams/team-b/schedule', { schedule: { timeZone: 'Asia/Tokyo', hours: { sun: [{ start: '00:00', end: '00:01' }] }, holidayMarkets: ['JP'] }, overflowTeamId: null });
    expect(response.status).toBe(204);
    const ready = await chat('ja');
    expect(ready.messages).toHaveLength(1);
    expect(ready.messages[0]).toMatchObject({ author: 'system' });
  });

  it("changes an agent's languages and the SLA policies for what comes next", async () => {
    expect((await put('/api/admin/agents/bob/routing', { languages: ['de', 'fr'], skills: ['refund'], capacity: { call: 1, chat: 2, email: 5 } })).status).toBe(204);
    expect((await put('/api/admin/sla-policies', { policies: [{ id: 'all', name: 'All', firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 600 }] })).status).toBe(204);
    const store = await openRelayStorage(temp.dbPath);
    try {
      expect((await store.accounts.listRoutable('acme', 'team-a')).find((a) => a.agentId === 'bob')?.routing).toEqual({ languages: ['de', 'fr'], skills: ['refund'], capacity: { call: 1, chat: 2, email: 5 }, translates: true });
      expect((await store.sla.listPolicies('acme')).map((p) => p.id)).toEqual(['all']);
    } finally {
      await store.close();
    }
  });

  it('turns offers on for the next conversation, and off again', async () => {
    expect((await put('/api/admin/routing-settings', { offerTimeoutSeconds: 45 })).status).toBe(204);
    let store = await openRelayStorage(temp.dbPath);
    expect(await store.accounts.offerTimeoutMs('acme')).toBe(45_000);
    await store.close();
    expect((await put('/api/admin/routing-settings', { offerTimeoutSeconds: 2 })).status).toBe(400);
    expect((await put('/api/admin/routing-settings', { offerTimeoutSeconds: null })).status).toBe(204);
    store = await openRelayStorage(temp.dbPath);
    expect(await store.accounts.offerTimeoutMs('acme')).toBeNull();
    await store.close();
  });

  it('reads back what it changed, in one document for the admin view', async () => {
    await put('/api/admin/agents/bob/routing', { languages: ['de'], capacity: { call: 0, chat: 3, email: 1 } });
    await put('/api/admin/routing-settings', { offerTimeoutSeconds: 30 });
    const { body } = await settings();
    expect(body?.teams.map((t) => t.id)).toEqual(['team-a', 'team-b']);
    expect(body?.agents.find((a) => a.id === 'bob')?.routing).toMatchObject({ languages: ['de'], capacity: { call: 0, chat: 3, email: 1 } });
    expect(body?.agents.find((a) => a.id === 'ann')?.routing).toBeNull();
    expect(body?.offerTimeoutSeconds).toBe(30);
    expect((await settings((await login(relay.url, 'sue@acme.test')).token)).status).toBe(403);
  });

  it('creates a team and an agent who can sign in at once, and moves them between teams', async () => {
    const team = await post('/api/admin/teams', { name: 'Späti Support', languages: ['de', 'en'] });
    expect(team.status).toBe(201);
    const teamId = ((await team.json()) as { team: { id: string } }).team.id;
    expect(teamId).toBe('team-spati-support');
    expect((await post('/api/admin/teams', { name: 'späti support', languages: ['de'] })).status).toBe(409);

    const created = await post('/api/admin/agents', { name: 'Dora', email: 'Dora@acme.test', role: 'agent', language: 'de', teamIds: [teamId], password: 'first-day-2026' });
    expect(created.status).toBe(201);
    const doraId = ((await created.json()) as { agent: { id: string } }).agent.id;
    expect(doraId).toBe('agent-dora');
    const dora = await login(relay.url, 'dora@acme.test', 'first-day-2026');
    expect(dora.agent).toMatchObject({ id: doraId, role: 'agent', teamIds: [teamId] });
    expect((await post('/api/admin/agents', { name: 'Dora 2', email: 'dora@acme.test', role: 'agent', language: 'de', teamIds: [], password: 'another-pass' })).status).toBe(409);

    expect((await put(`/api/admin/agents/${doraId}/teams`, { teamIds: ['team-a', teamId] })).status).toBe(204);
    expect((await settings()).body?.agents.find((a) => a.id === doraId)?.teamIds.sort()).toEqual(['team-a', teamId].sort());
    const unknown = await put(`/api/admin/agents/${doraId}/teams`, { teamIds: ['team-zz'] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('team-zz');
  });

  it('refuses a weak password, a bad email and a non-administrator creating accounts', async () => {
    const base = { name: 'Eve', email: 'eve@acme.test', role: 'admin', language: 'en', teamIds: [], password: 'long-enough' };
    expect((await post('/api/admin/agents', { ...base, password: 'short' })).status).toBe(400);
    expect((await post('/api/admin/agents', { ...base, email: 'not-an-email' })).status).toBe(400);
    expect((await post('/api/admin/agents', base, (await login(relay.url, 'sue@acme.test')).token)).status).toBe(403);
    expect((await post('/api/admin/teams', { name: 'X', languages: [] })).status).toBe(400);
  });

  it('refuses agents and supervisors, and names what is wrong in a setting', async () => {
    const sue = (await login(relay.url, 'sue@acme.test')).token;
    expect((await put('/api/admin/sla-policies', { policies: [] }, sue)).status).toBe(403);
    const bad = await put('/api/admin/teams/team-a/schedule', { schedule: { timeZone: 'Nowhere/City', hours: {} }, overflowTeamId: 'team-a' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('IANA time zone');
    const loop = await put('/api/admin/teams/team-a/schedule', { schedule: null, overflowTeamId: 'team-a' });
    expect(((await loop.json()) as { error: { message: string } }).error.message).toMatch(/another team/);
    expect((await put('/api/admin/teams/nope/schedule', { schedule: null, overflowTeamId: null })).status).toBe(404);
    expect((await put('/api/admin/agents/ann/routing', { skills: ['Not An Intent'] })).status).toBe(400);
    expect((await put('/api/admin/sla-policies', { policies: [{ id: 'a', name: 'A', firstResponseMinutes: 1, nextResponseMinutes: 1, resolutionMinutes: 1 }, { id: 'a', name: 'B', firstResponseMinutes: 1, nextResponseMinutes: 1, resolutionMinutes: 1 }] })).status).toBe(400);
  });
});
