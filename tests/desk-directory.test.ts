import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../src-main/core/workstation.js';
import { Cache } from '../src-main/store/cache.js';
import { startRelay, type RunningRelay } from '../src-relay/server.js';
import { tempDatabase, type TempDatabase } from '../src-relay/testing/test-relay.js';
import { waitFor } from './support/wait.js';

/** A workstation core and the relay over real sockets: the directory crosses the wire only when it changed. */
describe('the directory between a desk and the relay', () => {
  let dir: string;
  let database: TempDatabase;
  let relay: RunningRelay;
  let workstation: Workstation | null = null;
  const cacheFile = () => path.join(dir, 'mei.sqlite');

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'desk-directory-'));
    database = await tempDatabase();
    relay = await startRelay({ dbPath: database.dbPath, seedDemo: true });
  });

  afterEach(async () => {
    await workstation?.close();
    workstation = null;
    await relay.close();
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  async function online(desk: Workstation): Promise<void> {
    await waitFor('online', async () => (await desk.handlers['session.get']({})).connection.state === 'online');
  }

  /** Closes the desk, changes its cache as if on disk, and starts it again (signed in as before). */
  async function restartWith(change: (cache: Cache) => void): Promise<Workstation> {
    await workstation?.close();
    const cache = Cache.open(cacheFile());
    try {
      change(cache);
    } finally {
      cache.close();
    }
    workstation = Workstation.open({ dbPath: cacheFile(), relayUrl: relay.url });
    await online(workstation);
    return workstation;
  }

  it("keeps its copy when the relay finds the desk's version current, and takes the relay's when it is not", async () => {
    workstation = Workstation.open({ dbPath: cacheFile(), relayUrl: relay.url });
    await workstation.handlers['session.login']({ email: 'mei@demo.test', password: 'demo1234' });
    await online(workstation);
    const directory = await workstation.handlers['colleagues.list']({});
    expect(directory.colleagues.map((c) => c.id)).toContain('agent-hans');
    expect(directory.teams.length).toBeGreaterThan(0);

    // A copy the relay did not send, under the version it did: only an omitted directory leaves it there.
    const marker = [{ id: 'marker', name: 'Only on this desk', role: 'agent' as const, teamIds: [] }];
    let version: string | null = null;
    let desk = await restartWith((cache) => {
      version = cache.session.directoryVersion();
      cache.session.setDirectory({ colleagues: marker, teams: [], version });
    });
    expect(version).toMatch(/\S{16,}/);
    expect((await desk.handlers['colleagues.list']({})).colleagues).toEqual(marker);

    desk = await restartWith((cache) => cache.session.setDirectory({ colleagues: marker, teams: [], version: 'from-another-time' }));
    await waitFor('the directory again', async () => (await desk.handlers['colleagues.list']({})).colleagues.length > 1);
    expect(await desk.handlers['colleagues.list']({})).toEqual(directory);
  });
});
