import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_PATH, AuditPage } from '../../src-shared/protocol/audit.js';
import { ExportLink, OpenedPrivacyRequest, PRIVACY_ACCESS_PATH, PRIVACY_REQUESTS_PATH, PRIVACY_TEAM_PATH, PrivacyRegister, PrivacyRequestDetail, privacyExportLinkPath, privacyExportsPath, privacyRequestPath } from '../../src-shared/protocol/privacy.js';
import { PrivacyExport, PrivacyRequest } from '../../src-shared/privacy/privacy-requests.js';
import { requestDueDates } from '../../src-shared/privacy/request-deadlines.js';
import { startRelay, type RunningRelay } from '../server.js';
import { login, tempDatabase, type TempDatabase } from '../testing/test-relay.js';
import { seedPrivacyCompany } from '../privacy/testing/privacy-seed.js';

const T0 = Date.parse('2026-01-31T10:00:00Z');

/** The register over HTTP: who may open, read and change requests, and what refusals give away. */
describe('the privacy register over HTTP', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let now = T0;
  const tokens: Record<string, string> = {};

  beforeEach(async () => {
    now = T0;
    temp = await tempDatabase();
    await seedPrivacyCompany(temp.dbPath, T0);
    relay = await startRelay({ dbPath: temp.dbPath, now: () => now, tokenTtlMs: 24 * 3_600_000, channels: { secretsKey: randomBytes(32) } });
    for (const who of ['root', 'ann', 'sue', 'cid']) tokens[who] = (await login(relay.url, `${who}@acme.test`)).token;
    tokens.gil = (await login(relay.url, 'gil@globex.test')).token;
  });
  afterEach(async () => {
    await relay.close();
    await temp.remove();
  });

  const call = (who: string, method: string, path: string, body?: unknown) =>
    fetch(`${relay.url}${path}`, { method, headers: { authorization: `Bearer ${tokens[who] ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const open = (who: string, over: Record<string, unknown> = {}) => call(who, 'POST', PRIVACY_REQUESTS_PATH, { customerId: 'kim', kind: 'access', channel: 'webchat', requesterName: 'Kim Weber', ...over });
  const opened = async (who: string, over: Record<string, unknown> = {}) => {
    const response = await open(who, over);
    expect(response.status).toBe(201);
    return OpenedPrivacyRequest.parse(await response.json());
  };

  it("opens a request under the customer's market's law, with its legal due date, and lists it soonest due first", async () => {
    const first = await opened('root', { channel: 'letter', receivedAt: T0 - 86_400_000 });
    expect(first).toMatchObject({ regime: 'gdpr', dueAt: requestDueDates('gdpr', T0 - 86_400_000).dueAt });
    const second = await opened('root', { customerId: 'lee', kind: 'erasure', regime: 'lgpd' });
    expect(second.dueAt).toBe(Date.parse('2026-02-15T23:59:59.999Z'));
    const refused = await open('root', { customerId: 'lee' });
    expect(refused.status).toBe(400);
    expect((await refused.json()) as unknown).toMatchObject({ error: { message: expect.stringMatching(/choose the regime/) } });
    const register = PrivacyRegister.parse(await (await call('root', 'GET', `${PRIVACY_REQUESTS_PATH}?open=1`)).json());
    expect(register.requests.map((r) => [r.id, r.customerName, r.status])).toEqual([
      [second.id, 'Lee', 'received'],
      [first.id, 'Kim Weber', 'received'],
    ]);
  });

  it('moves a request through its statuses as the rules allow: identity checked, extended once with a reason, refused only with one', async () => {
    const { id } = await opened('root');
    const patch = (body: unknown) => call('root', 'PATCH', privacyRequestPath(id), body);
    expect((await patch({ status: 'done' })).status).toBe(409);
    const checked = PrivacyRequest.parse(await (await patch({ status: 'identity_checked', identityCheck: { method: 'email_code', note: 'code sent to kim@example.de' } })).json());
    expect(checked.identityCheck).toMatchObject({ method: 'email_code', checkedBy: 'root', checkedAt: T0 });
    expect((await patch({ status: 'extended' })).status).toBe(409);
    const extended = PrivacyRequest.parse(await (await patch({ status: 'extended', reason: 'Data in three systems' })).json());
    expect(extended).toMatchObject({ status: 'extended', extensionReason: 'Data in three systems', dueAt: Date.parse('2026-04-28T23:59:59.999Z') });
    expect(await (await patch({ status: 'extended', reason: 'again' })).json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await patch({ status: 'refused' })).status).toBe(409);
    expect(PrivacyRequest.parse(await (await patch({ status: 'refused', reason: 'Manifestly unfounded' })).json())).toMatchObject({ status: 'refused', refusalReason: 'Manifestly unfounded' });
    expect((await patch({ status: 'in_progress' })).status).toBe(409);
    const { entries } = AuditPage.parse(await (await call('root', 'GET', `${AUDIT_PATH}?limit=4`)).json());
    expect(entries.map((e) => [e.action, e.target?.id, e.details.status])).toEqual([
      ['privacy_request.updated', id, 'refused'],
      ['privacy_request.updated', id, 'extended'],
      ['privacy_request.updated', id, 'identity_checked'],
      ['privacy_request.opened', id, undefined],
    ]);
  });

  it("lets an agent open a request only from a conversation they may act on, and read nothing of the register; refusals look like what does not exist", async () => {
    const mine = await opened('ann', { conversationId: 'conv' });
    expect(mine.regime).toBe('gdpr');
    const notFound = { error: { code: 'not_found', message: 'There is no such customer or conversation.' } };
    for (const over of [{ conversationId: 'other' }, { conversationId: 'nope' }, {}, { customerId: 'lee', conversationId: 'conv' }]) {
      const response = await open('ann', over);
      expect([response.status, await response.json()]).toEqual([404, notFound]);
    }
    const globex = await open('gil', { conversationId: 'conv' });
    expect([globex.status, await globex.json()]).toEqual([404, notFound]);
    expect(await (await call('ann', 'GET', PRIVACY_ACCESS_PATH)).json()).toEqual({ privacy: false });
    expect((await call('ann', 'GET', PRIVACY_REQUESTS_PATH)).status).toBe(403);
    const theirs = await call('ann', 'GET', privacyRequestPath(mine.id));
    const missing = await call('root', 'GET', privacyRequestPath('no-such-request'));
    expect([theirs.status, await theirs.json()]).toEqual([missing.status, await missing.json()]);
    expect((await call('ann', 'PATCH', privacyRequestPath(mine.id), { note: 'x' })).status).toBe(404);
    expect((await call('gil', 'GET', privacyRequestPath(mine.id))).status).toBe(404);
  });

  it('gives the register to the accounts an administrator grants the privacy capability, and audits the grant', async () => {
    const { id } = await opened('root');
    expect((await call('sue', 'GET', privacyRequestPath(id))).status).toBe(404);
    expect((await call('sue', 'PUT', PRIVACY_TEAM_PATH, { agentId: 'sue', privacy: true })).status).toBe(403);
    expect((await call('root', 'PUT', PRIVACY_TEAM_PATH, { agentId: 'gil', privacy: true })).status).toBe(404);
    expect((await call('root', 'PUT', PRIVACY_TEAM_PATH, { agentId: 'sue', privacy: true })).status).toBe(204);
    expect(await (await call('root', 'GET', PRIVACY_TEAM_PATH)).json()).toEqual({ holderIds: ['sue'] });
    expect(await (await call('sue', 'GET', PRIVACY_ACCESS_PATH)).json()).toEqual({ privacy: true });
    expect(PrivacyRequestDetail.parse(await (await call('sue', 'GET', privacyRequestPath(id))).json()).request.id).toBe(id);
    const { entries } = AuditPage.parse(await (await call('root', 'GET', `${AUDIT_PATH}?action=account.capabilities_changed`)).json());
    expect(entries.map((e) => [e.actorId, e.target, e.details])).toEqual([['root', { type: 'account', id: 'sue' }, { privacy: true }]]);
    expect((await call('root', 'PUT', PRIVACY_TEAM_PATH, { agentId: 'sue', privacy: false })).status).toBe(204);
    expect((await call('sue', 'GET', privacyRequestPath(id))).status).toBe(404);
  });

  it('refuses an export before the identity check, for other kinds, and to anyone outside the privacy team', async () => {
    const access = await opened('root');
    expect(await (await call('root', 'POST', privacyExportsPath(access.id))).json()).toMatchObject({ error: { message: expect.stringMatching(/identity/) } });
    const erasure = await opened('root', { kind: 'erasure' });
    expect((await call('root', 'POST', privacyExportsPath(erasure.id))).status).toBe(409);
    const outOfScope = await call('ann', 'POST', privacyExportsPath(access.id));
    expect([outOfScope.status, await outOfScope.json()]).toEqual([404, { error: { code: 'not_found', message: 'There is no such privacy request.' } }]);
    expect((await call('ann', 'POST', privacyExportLinkPath('no-such-export'))).status).toBe(404);
  });

  it('downloads through a link that expires, says so when it has, and refuses a forged or revoked one as missing', async () => {
    const { id } = await opened('root');
    await call('root', 'PATCH', privacyRequestPath(id), { status: 'identity_checked', identityCheck: { method: 'document', note: 'ID card seen' } });
    const made = PrivacyExport.parse(await (await call('root', 'POST', privacyExportsPath(id))).json());
    const link = ExportLink.parse(await (await call('root', 'POST', privacyExportLinkPath(made.id))).json());
    expect(link.expiresAt).toBe(T0 + 10 * 60_000);
    const downloaded = await fetch(`${relay.url}${link.path}`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('application/zip');
    expect((await downloaded.arrayBuffer()).byteLength).toBe(made.size);
    const forged = await fetch(`${relay.url}${link.path.replace(/signature=[^&]+/, `signature=${'A'.repeat(43)}`)}`);
    expect([forged.status, await forged.json()]).toEqual([404, { error: { code: 'not_found', message: 'There is no such export.' } }]);
    const otherAccount = await fetch(`${relay.url}${link.path.replace('agent=root', 'agent=sue')}`);
    expect(otherAccount.status).toBe(404);
    now = link.expiresAt + 1;
    const expired = await fetch(`${relay.url}${link.path}`);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toEqual({ error: { code: 'link_expired', message: `This download link expired at ${new Date(link.expiresAt).toISOString()}. Ask for a new one in Privacy requests.` } });
    const { entries } = AuditPage.parse(await (await call('root', 'GET', `${AUDIT_PATH}?limit=3`)).json());
    expect(entries.map((e) => [e.action, e.target?.id, e.actorId])).toEqual([
      ['privacy_export.downloaded', made.id, 'root'],
      ['privacy_export.created', made.id, 'root'],
      ['privacy_request.updated', id, 'root'],
    ]);
  });
});
