import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredPrivacyRequest } from '../storage/port/privacy.js';
import type { RelayCore } from '../relay-core.js';
import { acmeCore } from '../testing/test-relay.js';
import { remindTenant, schedulePrivacyReminders } from './privacy-reminders.js';

const DAY = 86_400_000;
const DUE = 100 * DAY;

const request = (id: string, over: Partial<StoredPrivacyRequest> = {}): StoredPrivacyRequest => ({
  id, customerId: 'cust', kind: 'access', channel: 'email', conversationId: null, requesterName: 'Kim', onBehalf: false, regime: 'gdpr',
  receivedAt: 0, dueAt: DUE, receiptDueAt: null, status: 'received', extensionReason: null, refusalReason: null, identityCheck: null,
  note: '', openedBy: 'root', openedAt: 0, updatedAt: 0, ...over,
});

/** The privacy team hears of a request a week before it falls due, two days before, and once it is overdue: each once. */
describe('privacy reminders', () => {
  let now = 0;
  let core: RelayCore;
  beforeEach(async () => {
    now = 0;
    core = await acmeCore(() => now);
    await core.store.privacy.insertRequest('acme', request('open'));
    await core.store.privacy.insertRequest('acme', request('done', { status: 'done', identityCheck: { method: 'document', note: '', checkedBy: 'root', checkedAt: 0 } }));
  });
  afterEach(() => core.store.close());

  const told = async () => (await core.store.privacy.listReminders('acme', 50)).map((r) => [r.requestId, r.stage, r.dueAt, r.at]);

  it('tells each stage once, for open requests only, at the time it is reached', async () => {
    now = DUE - 8 * DAY;
    expect(await remindTenant(core, 'acme')).toBe(0);
    now = DUE - 6 * DAY;
    expect(await remindTenant(core, 'acme')).toBe(1);
    expect(await remindTenant(core, 'acme')).toBe(0);
    now = DUE - DAY;
    await remindTenant(core, 'acme');
    now = DUE + 1;
    await remindTenant(core, 'acme');
    await remindTenant(core, 'acme');
    expect(await told()).toEqual([
      ['open', 'overdue', DUE, DUE + 1],
      ['open', 'two_days', DUE, DUE - DAY],
      ['open', 'week', DUE, DUE - 6 * DAY],
    ]);
  });

  it('reminds an extended request again of its new due date', async () => {
    now = DUE - DAY;
    await remindTenant(core, 'acme');
    await core.store.privacy.updateRequest('acme', request('open', { status: 'extended', extensionReason: 'complex', dueAt: DUE + 60 * DAY }));
    now = DUE + 55 * DAY;
    expect(await remindTenant(core, 'acme')).toBe(1);
    expect((await told()).map(([, stage, dueAt]) => [stage, dueAt])).toEqual([
      ['week', DUE + 60 * DAY],
      ['two_days', DUE],
    ]);
  });

  it('runs on the relay timer for every tenant whose lease it holds', async () => {
    now = DUE + 1;
    const stop = schedulePrivacyReminders(core, 20);
    try {
      await expect.poll(told, { timeout: 5_000 }).toEqual([['open', 'overdue', DUE, DUE + 1]]);
    } finally {
      stop();
    }
  });
});
