import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLOCKED_SENDERS_PATH } from '../../src-shared/protocol/blocked-senders.js';
import { AUDIT_CSV_PATH, AUDIT_PATH, AuditPage } from '../../src-shared/protocol/audit.js';
import { verifyAudit } from '../audit/verify-audit.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { startRelay, type RunningRelay } from '../server.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

/** What the relay records as it is used, and how administrators read and export it. */
describe('the audit log over HTTP', () => {
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

  const get = (path: string, token = admin) => fetch(`${relay.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const page = async (query = '') => {
    const response = await get(`${AUDIT_PATH}${query}`);
    expect(response.status).toBe(200);
    return AuditPage.parse(await response.json());
  };
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${relay.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });

  it('records sign-ins and refused ones (the account, never the password; an unknown email lower-cased), with the address', async () => {
    const wrong = await fetch(`${relay.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ann@acme.test', password: 'guess-1' }) });
    expect(wrong.status).toBe(401);
    await fetch(`${relay.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'Nobody@Acme.test', password: 'guess-2' }) });
    const { entries } = await page();
    expect(entries.map(({ action, actorId, target }) => ({ action, actorId, target }))).toEqual([
      { action: 'auth.sign_in_failed', actorId: null, target: { type: 'email', id: 'nobody@acme.test' } },
      { action: 'auth.sign_in_failed', actorId: null, target: { type: 'account', id: 'ann' } },
      { action: 'auth.signed_in', actorId: 'root', target: { type: 'account', id: 'root' } },
    ]);
    expect(entries.every((entry) => entry.actorAddress === '127.0.0.1')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/guess/);
  });

  it('records administrators changing settings and blocked senders, only when something changed', async () => {
    expect((await send('PUT', '/api/admin/routing-settings', { offerTimeoutSeconds: 30 })).status).toBe(204);
    expect((await send('POST', BLOCKED_SENDERS_PATH, { value: 'spam.example' })).status).toBe(201);
    expect((await send('POST', BLOCKED_SENDERS_PATH, { value: 'spam.example' })).status).toBe(200);
    expect((await send('PUT', '/api/admin/agents/ann/teams', { teamIds: ['team-a', 'team-b'] })).status).toBe(204);
    const { entries } = await page('?limit=3');
    expect(entries.map(({ action, target, details }) => ({ action, target, details }))).toEqual([
      { action: 'account.teams_changed', target: { type: 'account', id: 'ann' }, details: { teamIds: ['team-a', 'team-b'] } },
      { action: 'blocked_sender.added', target: { type: 'blocked_sender', id: 'spam.example' }, details: { kind: 'domain' } },
      { action: 'settings.routing_changed', target: { type: 'tenant', id: 'acme' }, details: { offerTimeoutSeconds: 30 } },
    ]);
  });

  it('filters by action and actor, pages by the seq cursor, and refuses bad filters and anyone but an administrator', async () => {
    for (let i = 0; i < 3; i++) await login(relay.url, 'sue@acme.test');
    const first = await page('?action=auth.signed_in&limit=2');
    expect(first.entries.map((e) => e.actorId)).toEqual(['sue', 'sue']);
    expect(first.nextBefore).toBe(first.entries[1]?.seq);
    const second = await page(`?action=auth.signed_in&limit=2&before=${first.nextBefore}`);
    expect(second.entries.map((e) => e.actorId)).toEqual(['sue', 'root']);
    expect((await page('?actorId=root')).entries.map((e) => e.action)).toEqual(['auth.signed_in']);
    expect((await get(`${AUDIT_PATH}?action=made.up`)).status).toBe(400);
    expect((await get(`${AUDIT_PATH}?limit=100000`)).status).toBe(400);
    expect((await get(`${AUDIT_PATH}?seq=1`)).status).toBe(400);
    const supervisor = (await login(relay.url, 'sue@acme.test')).token;
    expect((await get(AUDIT_PATH, supervisor)).status).toBe(403);
    expect((await get(AUDIT_CSV_PATH, supervisor)).status).toBe(403);
  });

  it('exports as CSV, the export recorded first, and the chain stays intact', async () => {
    await send('POST', BLOCKED_SENDERS_PATH, { value: '=cmd@evil.example' });
    const response = await get(`${AUDIT_CSV_PATH}?from=0`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...lines] = (await response.text()).trim().split('\n');
    expect(header).toBe('seq,at,actor_id,actor_address,action,target_type,target_id,details,prev_hash,hash');
    const hash = '[0-9a-f]{64}';
    const time = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^3,${time},root,127\\.0\\.0\\.1,export\\.audit_csv,export,audit\\.csv,"{""from"":0}",${hash},${hash}$`)),
      // A value that would run as a formula in a spreadsheet is quoted as text.
      expect.stringMatching(new RegExp(`^2,${time},root,127\\.0\\.0\\.1,blocked_sender\\.added,blocked_sender,'=cmd@evil\\.example,"{""kind"":""address""}",${hash},${hash}$`)),
      expect.stringMatching(new RegExp(`^1,${time},root,127\\.0\\.0\\.1,auth\\.signed_in,account,root,{},0{64},${hash}$`)),
    ]);
    await relay.close();
    const storage = await openRelayStorage(temp.dbPath);
    try {
      expect(await verifyAudit(storage)).toMatchObject({ entries: 3, broken: null });
    } finally {
      await storage.close();
    }
    relay = await startRelay({ dbPath: temp.dbPath });
  });
});
