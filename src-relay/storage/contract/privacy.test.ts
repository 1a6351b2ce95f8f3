import { beforeEach, expect, it } from 'vitest';
import type { StoredPrivacyExport, StoredPrivacyRequest } from '../port/privacy.js';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

const request = (id: string, over: Partial<StoredPrivacyRequest> = {}): StoredPrivacyRequest => ({
  id,
  customerId: 'cust',
  kind: 'access',
  channel: 'email',
  conversationId: null,
  requesterName: 'Kim',
  onBehalf: false,
  regime: 'gdpr',
  receivedAt: 1_000,
  dueAt: 5_000,
  receiptDueAt: null,
  status: 'received',
  extensionReason: null,
  refusalReason: null,
  identityCheck: null,
  note: '',
  openedBy: 'ann',
  openedAt: 1_000,
  updatedAt: 1_000,
  ...over,
});

const made = (id: string, customerId: string, createdAt: number): StoredPrivacyExport => ({ id, customerId, requestId: null, location: `acme/${id}.zip`, size: 42, createdBy: 'root', createdAt });

describeStorage('privacy register', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it('keeps a request whole, updates it, and lists the soonest due first, open ones when asked', async () => {
    const { privacy } = storage();
    const full = request('r1', { conversationId: 'c1', onBehalf: true, receiptDueAt: 3_000, regime: 'ccpa', channel: 'letter', note: 'by post' });
    await privacy.insertRequest('acme', full);
    await privacy.insertRequest('acme', request('r2', { dueAt: 2_000, customerId: 'cust-2' }));
    await privacy.insertRequest('acme', request('r3', { dueAt: 9_000, status: 'done' }));
    expect(await privacy.findRequest('acme', 'r1')).toEqual(full);
    const updated = { ...full, status: 'extended' as const, dueAt: 8_000, extensionReason: 'many systems', identityCheck: { method: 'document' as const, note: 'passport seen', checkedBy: 'sue', checkedAt: 1_500 }, updatedAt: 1_600 };
    await privacy.updateRequest('acme', updated);
    expect(await privacy.findRequest('acme', 'r1')).toEqual(updated);
    expect((await privacy.listRequests('acme', { openOnly: false })).map((r) => r.id)).toEqual(['r2', 'r1', 'r3']);
    expect((await privacy.listRequests('acme', { openOnly: true })).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect((await privacy.listRequests('acme', { openOnly: false, customerId: 'cust' })).map((r) => r.id)).toEqual(['r1', 'r3']);
  });

  it("never finds, lists or changes another tenant's request", async () => {
    const { privacy } = storage();
    await privacy.insertRequest('acme', request('r1'));
    expect(await privacy.findRequest('globex', 'r1')).toBeNull();
    expect(await privacy.listRequests('globex', { openOnly: false })).toEqual([]);
    await privacy.updateRequest('globex', request('r1', { status: 'refused', refusalReason: 'x' }));
    expect((await privacy.findRequest('acme', 'r1'))?.status).toBe('received');
  });

  it('tells each reminder stage once per request, newest first', async () => {
    const { privacy } = storage();
    await privacy.insertRequest('acme', request('r1'));
    expect(await privacy.insertReminder('acme', { id: 'n1', requestId: 'r1', stage: 'week', dueAt: 5_000, at: 10 })).toBe(true);
    expect(await privacy.insertReminder('acme', { id: 'n2', requestId: 'r1', stage: 'week', dueAt: 5_000, at: 11 })).toBe(false);
    expect(await privacy.insertReminder('acme', { id: 'n3', requestId: 'r1', stage: 'overdue', dueAt: 5_000, at: 12 })).toBe(true);
    expect(await privacy.listReminders('acme', 10)).toEqual([
      { id: 'n3', requestId: 'r1', stage: 'overdue', dueAt: 5_000, at: 12 },
      { id: 'n1', requestId: 'r1', stage: 'week', dueAt: 5_000, at: 10 },
    ]);
    expect(await privacy.listReminders('globex', 10)).toEqual([]);
  });

  it("records exports per customer, where their bundle lies, and forgets one; another tenant's stay unseen", async () => {
    const { privacy } = storage();
    await privacy.insertExport('acme', made('x2', 'cust', 20));
    await privacy.insertExport('acme', made('x1', 'cust', 10));
    await privacy.insertExport('acme', made('x3', 'cust-2', 30));
    expect(await privacy.listExports('acme', 'cust')).toEqual([made('x1', 'cust', 10), made('x2', 'cust', 20)]);
    expect(await privacy.findExport('acme', 'x3')).toEqual(made('x3', 'cust-2', 30));
    expect(await privacy.findExport('globex', 'x3')).toBeNull();
    await privacy.deleteExport('globex', 'x1');
    await privacy.deleteExport('acme', 'x2');
    expect((await privacy.listExports('acme', 'cust')).map((x) => x.id)).toEqual(['x1']);
  });

  it("grants and revokes the privacy capability within the tenant only", async () => {
    const { privacy } = storage();
    await privacy.setCapability('acme', 'sue', 'privacy', true, 'root', 5);
    await privacy.setCapability('acme', 'sue', 'privacy', true, 'root', 6);
    await privacy.setCapability('globex', 'ann', 'privacy', true, 'root', 5);
    expect(await privacy.capabilitiesOf('acme', 'sue')).toEqual(['privacy']);
    expect(await privacy.capabilitiesOf('globex', 'sue')).toEqual([]);
    expect(await privacy.capabilitiesOf('acme', 'ann')).toEqual([]);
    expect(await privacy.holdersOf('acme', 'privacy')).toEqual(['sue']);
    await privacy.setCapability('globex', 'sue', 'privacy', false, 'root', 7);
    expect(await privacy.holdersOf('acme', 'privacy')).toEqual(['sue']);
    await privacy.setCapability('acme', 'sue', 'privacy', false, 'root', 7);
    expect(await privacy.capabilitiesOf('acme', 'sue')).toEqual([]);
  });
});
