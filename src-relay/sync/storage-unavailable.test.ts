import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { RelayFrame } from '../../src-shared/protocol/sync.js';
import { login } from '../auth/login.js';
import { seedTenant } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { StorageUnavailable } from '../storage/port/storage-unavailable.js';
import { ACME, TEST_PASSWORD, TEST_PASSWORD_COST, testCore } from '../testing/test-relay.js';
import { SyncSession, type SessionHost } from './sync-session.js';
import { readTenantDirectory } from './tenant-directory.js';

/** The relay's end of a desk's connection, without a network: what was sent, and how it closed. */
class RecordingSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: RelayFrame[] = [];
  closedWith: number | null = null;

  send(text: string): void {
    this.sent.push(RelayFrame.parse(JSON.parse(text)));
  }

  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
}

const host = (core: RelayCore): SessionHost => ({
  signedIn: async () => undefined,
  presenceChosen: async () => undefined,
  translationReported: async () => undefined,
  flushEvents: () => undefined,
  callFrame: async () => undefined,
  pushed: () => undefined,
  directory: (tenantId) => readTenantDirectory(core.store, tenantId),
});
const frame = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('a sync socket whose database is unavailable', () => {
  let core: RelayCore;

  beforeEach(async () => {
    core = testCore();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
  });
  afterEach(() => core.store.close());

  it('closes as "try again later" so the desk reconnects and pushes again, instead of leaving the push unanswered', async () => {
    const signedIn = await login(core, { email: 'ann@acme.test', password: TEST_PASSWORD });
    if (!signedIn.ok) throw new Error(signedIn.message);
    const socket = new RecordingSocket();
    const session = new SyncSession(socket as unknown as WebSocket, core, host(core));
    await session.receive(frame({ type: 'hello', token: signedIn.value.token, clientId: 'ann-desk' }), false);
    const transaction = core.store.transaction;
    core.store.transaction = () => Promise.reject(new StorageUnavailable("The relay's database cannot do this now (Connection terminated unexpectedly); try again."));
    try {
      await session.receive(frame({ type: 'push', mutations: [{ mutationId: 1, kind: 'presence.set', presence: 'away' }] }), false);
    } finally {
      core.store.transaction = transaction;
    }
    expect(socket.sent.at(-1)).toEqual({ type: 'error', code: 'internal', message: expect.stringMatching(/cannot do this now.*Reconnecting will retry it/) });
    expect(socket.sent.some((sent) => sent.type === 'ack')).toBe(false);
    expect(socket.closedWith).toBe(1013);
    // Nothing was applied: the mutation id is still free for the resend.
    expect(await core.store.clients.lastMutationId('ann-desk', 'ann')).toBe(0);
  });
});
