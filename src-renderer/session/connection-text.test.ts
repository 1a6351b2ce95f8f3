import type { i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/api/contract.js';
import { initI18n } from '../i18n/index.js';
import { describeConnection } from './connection-text.js';

let i18next: i18n;
beforeAll(async () => {
  i18next = await initI18n();
});

const connection = (overrides: Partial<Connection>): Connection => ({ state: 'online', pendingCount: 0, lastError: null, retryAt: null, resync: null, ...overrides });

describe('describeConnection', () => {
  const now = 1_000_000;
  const text = (overrides: Partial<Connection>) => describeConnection(connection(overrides), now, i18next.t);

  it('says online, connecting and signed out plainly', () => {
    expect(text({})).toBe('Online');
    expect(text({ state: 'connecting' })).toBe('Connecting…');
    expect(text({ state: 'signed-out' })).toBe('Signed out');
  });

  it('counts the outbox and the wait before the next try', () => {
    expect(text({ state: 'offline', pendingCount: 3, retryAt: now + 4_200 })).toBe('Offline — 3 waiting to send, retrying in 5 s');
    expect(text({ state: 'offline', pendingCount: 1, retryAt: now - 10 })).toBe('Offline — 1 waiting to send, retrying now');
    expect(text({ state: 'offline' })).toBe('Offline');
  });

  it('says sending while online with an outbox', () => {
    expect(text({ pendingCount: 2, retryAt: now + 9_000 })).toBe('Online — sending 2');
  });
});
