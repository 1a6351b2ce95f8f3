import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { Workstation } from '../core/workstation.js';
import { sampleAgent, sampleConversation, sampleMessage } from '../store/testing/records.js';
import { eventually } from '../sync/testing/eventually.js';
import { ScriptedRelay } from '../sync/testing/scripted-relay.js';
import { wipeDeviceFiles } from './device-wipe.js';

const mei = sampleAgent();
const FAST = { backoff: { baseMs: 10, capMs: 40 }, pingIntervalMs: 1_000, handshakeTimeoutMs: 2_000, random: () => 0.5 };

describe('"Sign out and wipe this device"', () => {
  let dir: string;
  let dbPath: string;
  let relay: ScriptedRelay;
  let workstation: Workstation;
  let wiped: Promise<void>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'device-wipe-'));
    dbPath = path.join(dir, 'workstation.sqlite');
    relay = await ScriptedRelay.start();
    relay.addAccount('mei@demo.test', 'demo1234', mei);
    let done: () => void;
    wiped = new Promise((resolve) => (done = resolve));
    workstation = Workstation.open({
      dbPath,
      cacheKey: randomBytes(32),
      relayUrl: relay.url,
      syncTiming: FAST,
      log: () => undefined,
      wipeDevice: async () => {
        await workstation.close();
        wipeDeviceFiles(dbPath, path.join(dir, 'files'));
        done();
      },
    });
    await workstation.handlers['session.login']({ email: mei.email, password: 'demo1234' });
    await relay.nextFrame('hello');
    const events: SyncEvent[] = [
      { seq: 1, at: 1, data: { type: 'conversation.upserted', conversation: sampleConversation() } },
      { seq: 2, at: 1, data: { type: 'message.created', message: sampleMessage({ id: 'm1', body: 'my card is 4242 4242 4242 4242' }) } },
    ];
    relay.send({ type: 'welcome', agent: mei, lastMutationId: 0, headSeq: 2 });
    const pull = await relay.nextFrame('pull');
    relay.send({ type: 'events', from: pull.cursor, to: 2, events, hasMore: false });
    await eventually('synced', () => workstation.snapshot().messages.length === 1);
  });

  afterEach(async () => {
    await workstation.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs out at the relay, then the host deletes the cache and everything beside it', async () => {
    expect(existsSync(dbPath)).toBe(true);
    expect(await workstation.handlers['device.wipe']({})).toEqual({});
    await wiped;
    expect(relay.revokedTokens).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses while a reply waits for the relay, and keeps everything', async () => {
    await workstation.handlers['conversations.reply']({ conversationId: 'conv-1', body: 'wait for me' });
    await relay.nextFrame('push');
    await expect(workstation.handlers['device.wipe']({})).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('waiting') });
    expect(workstation.snapshot().outboxCount).toBe(1);
    expect(existsSync(dbPath)).toBe(true);
  });
});
