import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_SETTINGS_PATH, AdminSettings } from '../../src-shared/protocol/admin.js';
import { AUDIT_PATH, AuditPage } from '../../src-shared/protocol/audit.js';
import { ADMIN_MODEL_SET_PATH, DeskModelNeeds, MODEL_SET_PATH } from '../../src-shared/protocol/model-set.js';
import { startRelay, type RunningRelay } from '../server.js';
import { ACME, GLOBEX, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

/** An administrator pins the company's models; each desk reads the pin and its languages at sign-in. */
describe('the company model set', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    await seedDatabase(temp.dbPath, GLOBEX);
    relay = await startRelay({ dbPath: temp.dbPath });
  });
  afterEach(async () => {
    await relay.close();
    await temp.remove();
  });

  const token = async (email: string) => (await login(relay.url, email)).token;
  const pin = async (body: unknown, bearer: string) =>
    fetch(`${relay.url}${ADMIN_MODEL_SET_PATH}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) });
  const needs = async (bearer: string) => {
    const response = await fetch(`${relay.url}${MODEL_SET_PATH}`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(response.status).toBe(200);
    return DeskModelNeeds.parse(await response.json());
  };

  it('gives a desk its teams’ languages, and no pin until an administrator sets one', async () => {
    const cid = await token('cid@acme.test');
    expect(await needs(cid)).toEqual({ pinned: null, agentLanguages: [], teamLanguages: ['ja'] });
    const ann = await token('ann@acme.test');
    expect((await needs(ann)).teamLanguages).toEqual(['en', 'de']);
  });

  it('pins a set for the whole company, shown in the company settings and audited, and unpins it', async () => {
    const root = await token('root@acme.test');
    expect((await pin({ models: ['opus-mt-ja-en', 'opus-mt-en-ja'] }, root)).status).toBe(204);
    expect((await needs(await token('cid@acme.test'))).pinned).toEqual(['opus-mt-ja-en', 'opus-mt-en-ja']);
    // Another company's desks are not pinned.
    expect((await needs(await token('gil@globex.test'))).pinned).toBeNull();
    const settings = AdminSettings.parse(await (await fetch(`${relay.url}${ADMIN_SETTINGS_PATH}`, { headers: { authorization: `Bearer ${root}` } })).json());
    expect(settings.modelSet).toEqual(['opus-mt-ja-en', 'opus-mt-en-ja']);
    const audit = AuditPage.parse(await (await fetch(`${relay.url}${AUDIT_PATH}?action=settings.models_changed`, { headers: { authorization: `Bearer ${root}` } })).json());
    expect(audit.entries.map((entry) => entry.details)).toEqual([{ pinned: true, models: ['opus-mt-ja-en', 'opus-mt-en-ja'], count: 2 }]);

    expect((await pin({ models: null }, root)).status).toBe(204);
    expect((await needs(await token('cid@acme.test'))).pinned).toBeNull();
  });

  it('refuses an agent, a malformed set and a repeated model, changing nothing', async () => {
    const root = await token('root@acme.test');
    expect((await pin({ models: ['opus-mt-ja-en'] }, await token('ann@acme.test'))).status).toBe(403);
    const bad = [{ models: ['../etc'] }, { models: ['a', 'a'] }, { models: [] }, { models: ['a'], extra: 1 }, {}];
    for (const body of bad) {
      const answer = await pin(body, root);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid model set/);
    }
    expect((await needs(root)).pinned).toBeNull();
  });
});
