import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRelay } from '../server.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { tempDatabase } from '../testing/test-relay.js';

const EXAMPLE = path.resolve('resources/setup/example-company.json');

describe('first setup from a file', () => {
  it('sets up the example company: teams with hours and overflow, agents with routing, SLA policies; people can sign in', async () => {
    const temp = await tempDatabase();
    const relay = await startRelay({ dbPath: temp.dbPath, setupFile: EXAMPLE });
    try {
      const login = await fetch(`${relay.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'greta@example.test', password: 'change-me-on-first-day' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await relay.close();
    }
    const store = await openRelayStorage(temp.dbPath);
    try {
      const teams = await store.accounts.listTeams('example');
      expect(teams.map((t) => [t.id, t.schedule?.timeZone, t.overflowTeamId])).toEqual([
        ['emea', 'Europe/Berlin', 'americas'],
        ['americas', 'America/Sao_Paulo', 'apac'],
        ['apac', 'Asia/Manila', null],
      ]);
      expect((await store.accounts.listRoutable('example', 'emea'))[0]?.routing).toMatchObject({ languages: ['de', 'en'], skills: ['invoice', 'privacy_request'] });
      expect((await store.sla.listPolicies('example')).map((p) => p.id)).toEqual(['vip', 'chat', 'email']);
    } finally {
      await store.close();
      await temp.remove();
    }
  });

  it('refuses a file with mistakes, naming each, and writes nothing', async () => {
    const temp = await tempDatabase();
    // Beside the database, which may be a PostgreSQL schema (RELAY_TEST_STORAGE=postgres).
    const dir = mkdtempSync(path.join(tmpdir(), 'setup-file-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ tenant: { id: 'x', name: 'X' }, password: 'p', teams: [{ id: 't', name: 'T', languages: ['en'], schedule: { timeZone: 'Mars/Olympus', hours: { mon: [{ start: '25:00', end: '18:00' }] } } }], agents: [] }));
    await expect(startRelay({ dbPath: temp.dbPath, setupFile: file })).rejects.toThrow(/IANA time zone[\s\S]*time of day/);
    const store = await openRelayStorage(temp.dbPath);
    expect(await store.accounts.countTenants()).toBe(0);
    await store.close();
    await temp.remove();
    rmSync(dir, { recursive: true, force: true });
  });
});
