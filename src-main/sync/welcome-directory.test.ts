import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Colleague } from '../../src-shared/domain/model.js';
import { Cache } from '../store/cache.js';
import { sampleAgent } from '../store/testing/records.js';
import { SyncClient } from './sync-client.js';
import { eventually } from './testing/eventually.js';
import { ScriptedRelay } from './testing/scripted-relay.js';

const agent = sampleAgent();
const FAST = { backoff: { baseMs: 20, capMs: 80 }, pingIntervalMs: 1_000, handshakeTimeoutMs: 2_000, random: () => 0.5 };
const ANN: Colleague = { id: 'ann', name: 'Ann', role: 'agent', teamIds: ['team-a'] };
const BOB: Colleague = { id: 'bob', name: 'Bob', role: 'supervisor', teamIds: ['team-a'] };
const TEAM_A = { id: 'team-a', name: 'Team A' };

/** The desk keeps the relay's directory version beside its copy, on disk, and names it in the next hello. */
describe('the directory a desk holds across welcomes', () => {
  let dir: string;
  let relay: ScriptedRelay;
  let cache: Cache;
  let client: SyncClient | null = null;

  beforeEach(async () => {
    client = null;
    dir = mkdtempSync(path.join(tmpdir(), 'desk-directory-'));
    relay = await ScriptedRelay.start();
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
    cache.session.saveSignIn({ token: 'tok-1', expiresAt: Date.now() + 60_000, agent });
  });

  afterEach(async () => {
    await closeDesk();
    await relay.close();
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a desk on the cache, answers its hello with `welcome`, and returns the hello. */
  async function session(welcome: { directoryVersion?: string; colleagues?: Colleague[]; teams?: { id: string; name: string }[] }) {
    await closeDesk();
    client = new SyncClient({ relayUrl: relay.url, cache, emit: () => undefined, log: () => undefined, onSessionExpired: () => undefined, onOwnPresence: () => undefined, timing: FAST });
    client.start();
    const hello = await relay.nextFrame('hello');
    relay.send({ type: 'welcome', agent, lastMutationId: 0, headSeq: 0, ...welcome });
    const pull = await relay.nextFrame('pull');
    relay.send({ type: 'events', from: pull.cursor, to: pull.cursor, events: [], hasMore: false });
    await eventually('online', () => client!.connection().state === 'online');
    return hello;
  }

  async function closeDesk(): Promise<void> {
    await client?.stop();
    client = null;
  }

  /** The cache as the next start of the app finds it. */
  function reopen(): void {
    cache.close();
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
  }

  it('keeps the version with the directory, names it in the next hello, and keeps its copy when the welcome leaves it out', async () => {
    const first = await session({ directoryVersion: 'v1', colleagues: [ANN, BOB], teams: [TEAM_A] });
    expect(first).not.toHaveProperty('directoryVersion');
    await closeDesk();
    reopen();
    expect(cache.session.directoryVersion()).toBe('v1');

    const second = await session({ directoryVersion: 'v1' });
    expect(second.directoryVersion).toBe('v1');
    expect(cache.session.colleagues()).toEqual([ANN, BOB]);
    expect(cache.session.teams()).toEqual([TEAM_A]);
  });

  it('replaces its copy and version when the welcome carries a newer directory', async () => {
    await session({ directoryVersion: 'v1', colleagues: [ANN], teams: [TEAM_A] });
    const renamed = { ...TEAM_A, name: 'Team Alpha' };
    expect((await session({ directoryVersion: 'v2', colleagues: [ANN, BOB], teams: [renamed] })).directoryVersion).toBe('v1');
    expect(cache.session.colleagues()).toEqual([ANN, BOB]);
    expect(cache.session.teams()).toEqual([renamed]);
    expect((await session({ directoryVersion: 'v2' })).directoryVersion).toBe('v2');
  });

  it('takes a directory without a version from an older relay, and names none in the next hello', async () => {
    await session({ directoryVersion: 'v1', colleagues: [ANN], teams: [TEAM_A] });
    await session({ colleagues: [BOB], teams: [] });
    expect(cache.session.colleagues()).toEqual([BOB]);
    expect(cache.session.directoryVersion()).toBeNull();
    expect(await session({ colleagues: [BOB], teams: [] })).not.toHaveProperty('directoryVersion');
  });

  it('forgets the version with the directory when another agent takes over the cache', async () => {
    await session({ directoryVersion: 'v1', colleagues: [ANN], teams: [TEAM_A] });
    await closeDesk();
    cache.wipeAgentData();
    expect(cache.session.directoryVersion()).toBeNull();
    expect(cache.session.colleagues()).toEqual([]);
  });
});
