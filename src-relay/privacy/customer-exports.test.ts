import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportLink, PRIVACY_REQUESTS_PATH, PrivacyRequestDetail, privacyExportLinkPath, privacyExportsPath, privacyRequestPath } from '../../src-shared/protocol/privacy.js';
import { PrivacyExport } from '../../src-shared/privacy/privacy-requests.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { startRelay, type RunningRelay } from '../server.js';
import { login, tempDatabase, type TempDatabase } from '../testing/test-relay.js';
import { attachmentPath } from './export-bundle.js';
import { PNG, seedPrivacyCompany } from './testing/privacy-seed.js';
import { unzip } from './testing/unzip.js';

const T0 = Date.parse('2026-03-03T09:00:00Z');

/** What one customer's bundle holds: every part, as JSON and CSV, and the files' bytes. */
describe('a privacy export', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  let admin: string;
  let fileId: string;
  let folder: string;
  let exportsDir: string;

  beforeEach(async () => {
    temp = await tempDatabase();
    folder = mkdtempSync(path.join(tmpdir(), 'privacy-export-test-'));
    exportsDir = path.join(folder, 'exports');
    ({ fileId } = await seedPrivacyCompany(temp.dbPath, T0, path.join(folder, 'files')));
    relay = await startRelay({ dbPath: temp.dbPath, now: () => T0, exportsDir, files: { dir: path.join(folder, 'files') }, channels: { secretsKey: randomBytes(32) } });
    admin = (await login(relay.url, 'root@acme.test')).token;
  });
  afterEach(async () => {
    await relay.close();
    await temp.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${relay.url}${route}`, { method, headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(response.ok).toBe(true);
    return response.json() as Promise<unknown>;
  };

  async function exportKim(): Promise<{ made: PrivacyExport; entries: Map<string, Buffer>; requestId: string }> {
    const { id } = (await call('POST', PRIVACY_REQUESTS_PATH, { customerId: 'kim', kind: 'portability', channel: 'email', requesterName: 'Kim Weber' })) as { id: string };
    await call('PATCH', privacyRequestPath(id), { status: 'identity_checked', identityCheck: { method: 'email_code', note: 'code confirmed' } });
    const made = PrivacyExport.parse(await call('POST', privacyExportsPath(id)));
    const link = ExportLink.parse(await call('POST', privacyExportLinkPath(made.id)));
    const bytes = Buffer.from(await (await fetch(`${relay.url}${link.path}`)).arrayBuffer());
    return { made, entries: await unzip(bytes), requestId: id };
  }

  it('holds a README and each part as JSON and CSV: profile and identities, conversations, messages with originals, calls, ratings, audit entries, attachments with their bytes', async () => {
    const { entries, requestId } = await exportKim();
    const parts = ['profile', 'conversations', 'messages', 'call_logs', 'ratings', 'audit', 'attachments'];
    expect([...entries.keys()].sort()).toEqual(['README.txt', ...parts.flatMap((p) => [`${p}.json`, `${p}.csv`]), attachmentPath({ fileId, name: 'receipt.png' })].sort());
    const json = (name: string) => JSON.parse(entries.get(name)?.toString('utf8') ?? 'null') as unknown;
    const csv = (name: string) => entries.get(name)?.toString('utf8') ?? '';
    expect(entries.get('README.txt')?.toString('utf8')).toMatch(/Kim Weber[\s\S]*messages .*: 2[\s\S]*call_logs .*: 1/);
    expect(json('profile.json')).toMatchObject({
      customers: [{ id: 'kim', name: 'Kim Weber', market: 'DE' }],
      identities: expect.arrayContaining([{ customerId: 'kim', identity: { kind: 'email', value: 'kim@example.de', verified: true } }, { customerId: 'kim', identity: { kind: 'phone', value: '+4915112345678', verified: false } }]),
    });
    expect(csv('profile.csv')).toContain('kim@example.de');
    expect((json('conversations.json') as { id: string }[]).map((c) => c.id).sort()).toEqual(['conv', 'other']);
    expect(json('messages.json')).toEqual([
      expect.objectContaining({ id: 'm1', body: 'Bitte senden Sie mir alle meine Daten.' }),
      expect.objectContaining({ id: 'm2', body: 'Wir senden Ihnen Ihre Daten.', original: { body: 'We will send you your data.', language: 'en' } }),
    ]);
    expect(csv('messages.csv')).toMatch(/m2,conv,.*,Wir senden Ihnen Ihre Daten\.,We will send you your data\.,en,receipt\.png/);
    expect(csv('messages.csv')).not.toContain('Note: verify first');
    expect(json('call_logs.json')).toEqual([expect.objectContaining({ id: 'm4', provider: 'twilio', direction: 'inbound', remote: '+4915112345678', end: 'hangup' })]);
    expect(json('ratings.json')).toEqual([expect.objectContaining({ conversationId: 'conv', score: 5, comment: '=Danke' })]);
    // A comment that reads like a formula stays text in the spreadsheet.
    expect(csv('ratings.csv')).toContain("'=Danke");
    const audit = json('audit.json') as { action: string; target: { id: string } }[];
    expect(audit.map((e) => [e.action, e.target.id])).toEqual([
      ['privacy_request.opened', requestId],
      ['privacy_request.updated', requestId],
    ]);
    expect(entries.get(attachmentPath({ fileId, name: 'receipt.png' }))?.equals(PNG)).toBe(true);
    expect(json('attachments.json')).toEqual([{ fileId, name: 'receipt.png', mediaType: 'image/png', kind: 'image', size: PNG.length, path: attachmentPath({ fileId, name: 'receipt.png' }) }]);
  });

  it("is recorded with its bundle's location, for an erasure to find and delete, and listed on its request", async () => {
    const { made, requestId } = await exportKim();
    const detail = PrivacyRequestDetail.parse(await call('GET', privacyRequestPath(requestId)));
    expect(detail.exports).toEqual([made]);
    const storage = await openRelayStorage(temp.dbPath);
    try {
      const rows = await storage.privacy.listExports('acme', 'kim');
      expect(rows.map((r) => r.id)).toEqual([made.id]);
      expect(rows[0]?.location).toBe(`acme/${made.id}.zip`);
      expect(existsSync(path.join(exportsDir, rows[0]?.location ?? ''))).toBe(true);
      expect(await storage.privacy.listExports('globex', 'kim')).toEqual([]);
    } finally {
      await storage.close();
    }
  });

  it('goes with its customer when they are erased: the record and the bundle on disk', async () => {
    const { made } = await exportKim();
    const bundle = path.join(exportsDir, `acme/${made.id}.zip`);
    expect(existsSync(bundle)).toBe(true);
    await call('POST', '/api/admin/erasures', { customerId: 'kim' });
    expect(existsSync(bundle)).toBe(false);
    const storage = await openRelayStorage(temp.dbPath);
    try {
      expect(await storage.privacy.listExports('acme', 'kim')).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
