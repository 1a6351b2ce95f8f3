import { beforeEach, expect, it } from 'vitest';
import type { CustomerIdentity } from '../../../src-shared/domain/customers.js';
import type { StoredMerge } from '../port/customers.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { describeStorage } from './adapters.js';
import { conversationOf, seedTenants } from './fixtures.js';

const phone = (value: string, verified = true): CustomerIdentity => ({ kind: 'phone', value, verified });
const email = (value: string, verified = false): CustomerIdentity => ({ kind: 'email', value, verified });
const line: CustomerIdentity = { kind: 'channel', value: 'line:ln:U1', verified: true };

const merge = (id: string, over: Partial<StoredMerge> = {}): StoredMerge => ({
  id,
  tenantId: 'acme',
  sourceCustomerId: 'cust-2',
  targetCustomerId: 'cust',
  mergedBy: 'ann',
  mergedByName: 'ANN',
  mergedAt: 50,
  moves: { conversationIds: ['c2'], identities: [{ identity: line, moved: true, upgraded: false }], suggestions: [] },
  unmergedBy: null,
  unmergedAt: null,
  ...over,
});

/** Kim ('cust') with conversation c1 on WhatsApp, Lee ('cust-2') with c2 on LINE and its contact. */
async function seedCustomers(storage: RelayStorage): Promise<void> {
  await seedTenants(storage);
  await storage.transaction(async ({ channels, conversations }) => {
    await conversations.insertConversation('acme', conversationOf('c1', { channel: 'whatsapp' }));
    await conversations.insertConversation('acme', conversationOf('c2', { channel: 'line', customerId: 'cust-2', customerName: 'Lee', vip: false }));
    await channels.insertAccount({ id: 'ln', tenantId: 'acme', provider: 'line', displayName: 'LINE', teamId: 'team-a', webhookToken: 't-ln', sealedCredentials: 's', createdAt: 1 });
    await channels.saveContact({ accountId: 'ln', externalId: 'U1', tenantId: 'acme', customerId: 'cust-2', conversationId: 'c2', lastInboundAt: 5 });
  });
}

describeStorage('customers across channels', (storage) => {
  beforeEach(() => seedCustomers(storage()));

  it('finds a customer with their VIP flag, within their tenant only, and namesakes oldest first', async () => {
    const { customers, conversations } = storage();
    expect(await customers.findCustomer('acme', 'cust')).toEqual({ id: 'cust', name: 'Kim', language: 'en', market: 'DE', createdAt: 1, vip: true });
    expect(await customers.findCustomer('globex', 'cust')).toBeNull();
    await conversations.insertCustomer('acme', { id: 'kim-2', name: 'Kim', language: 'de', market: null, createdAt: 0 });
    expect((await customers.listNamed('acme', 'Kim', 10)).map((c) => [c.id, c.vip])).toEqual([['kim-2', false], ['cust', true]]);
    expect(await customers.listNamed('acme', 'kim', 10)).toEqual([]);
    expect((await customers.listNamed('acme', 'Kim', 1)).map((c) => c.id)).toEqual(['kim-2']);
  });

  it('keeps a verified value for one customer, an unverified one for several, and lists identities by kind', async () => {
    const { customers } = storage();
    expect(await customers.addIdentity('acme', 'cust', phone('+4915112345678'), 10)).toBe(true);
    expect(await customers.addIdentity('acme', 'cust', email('kim@example.de'), 10)).toBe(true);
    expect(await customers.addIdentity('acme', 'cust', line, 10)).toBe(true);
    expect(await customers.addIdentity('acme', 'cust', phone('+4915112345678'), 11)).toBe(false);
    expect(await customers.addIdentity('acme', 'cust-2', phone('+4915112345678'), 11)).toBe(false);
    expect(await customers.addIdentity('acme', 'cust-2', email('kim@example.de'), 11)).toBe(true);
    expect(await customers.addIdentity('globex', 'gus', phone('+4915112345678'), 11)).toBe(true);
    expect(await customers.listIdentities('acme', 'cust')).toEqual([line, phone('+4915112345678'), email('kim@example.de')]);
    const holders = await customers.findHolders('acme', [email('kim@example.de'), phone('+4915112345678'), phone('+66812345678')]);
    expect(holders).toEqual([
      { customerId: 'cust', identity: email('kim@example.de') },
      { customerId: 'cust-2', identity: email('kim@example.de') },
      { customerId: 'cust', identity: phone('+4915112345678') },
    ]);
  });

  it('moves, verifies and removes one customer\'s copy of a value', async () => {
    const { customers } = storage();
    await customers.addIdentity('acme', 'cust-2', line, 10);
    await customers.addIdentity('acme', 'cust-2', email('lee@example.jp'), 10);
    await customers.moveIdentity('acme', 'channel', line.value, 'cust-2', 'cust');
    await customers.setIdentityVerified('acme', 'cust-2', 'email', 'lee@example.jp', true);
    expect(await customers.listIdentities('acme', 'cust')).toEqual([line]);
    expect(await customers.listIdentities('acme', 'cust-2')).toEqual([email('lee@example.jp', true)]);
    await customers.removeIdentity('acme', 'cust-2', 'email', 'lee@example.jp');
    expect(await customers.listIdentities('acme', 'cust-2')).toEqual([]);
  });

  it('moves conversations with their messaging contacts to another customer, whose name they then carry', async () => {
    const { customers, conversations, channels } = storage();
    await customers.moveConversations('acme', ['c2'], 'cust');
    expect(await conversations.findConversation('acme', 'c2')).toMatchObject({ customerId: 'cust', customerName: 'Kim', vip: true });
    expect(await channels.findContact('ln', 'U1')).toMatchObject({ customerId: 'cust', conversationId: 'c2' });
    expect((await conversations.listOfCustomer('acme', 'cust')).map((c) => c.id)).toEqual(['c1', 'c2']);
    // Another tenant's ids move nothing here.
    await customers.moveConversations('globex', ['c1'], 'gus');
    expect((await conversations.findConversation('acme', 'c1'))?.customerId).toBe('cust');
  });

  it('suggests a pair once, lists suggestions of either side, and forgets one', async () => {
    const { customers } = storage();
    const suggestion = { id: 's1', sourceCustomerId: 'cust-2', targetCustomerId: 'cust', reason: 'name' as const, at: 20 };
    expect(await customers.insertSuggestion('acme', suggestion)).toBe(true);
    expect(await customers.insertSuggestion('acme', { ...suggestion, id: 's2', reason: 'phone' })).toBe(false);
    expect(await customers.listSuggestions('acme', 'cust')).toEqual([suggestion]);
    expect(await customers.listSuggestions('acme', 'cust-2')).toEqual([suggestion]);
    expect(await customers.listSuggestions('globex', 'cust')).toEqual([]);
    await customers.deleteSuggestion('acme', 's1');
    expect(await customers.listSuggestions('acme', 'cust')).toEqual([]);
  });

  it('keeps merges with what moved, one standing merge per source, and their undoing', async () => {
    const { customers } = storage();
    await customers.insertMerge(merge('m1'));
    await expect(customers.insertMerge(merge('m2'))).rejects.toThrow();
    expect(await customers.findMerge('acme', 'm1')).toEqual(merge('m1'));
    expect(await customers.findMerge('globex', 'm1')).toBeNull();
    expect(await customers.findMergeOf('acme', 'cust-2')).toEqual(merge('m1'));
    expect(await customers.listMergesInto('acme', 'cust')).toEqual([merge('m1')]);
    await customers.markUnmerged('acme', 'm1', 'sue', 60);
    expect(await customers.findMerge('acme', 'm1')).toEqual(merge('m1', { unmergedBy: 'sue', unmergedAt: 60 }));
    expect(await customers.findMergeOf('acme', 'cust-2')).toBeNull();
    expect(await customers.listMergesInto('acme', 'cust')).toEqual([]);
    await customers.insertMerge(merge('m2', { mergedAt: 70 }));
    expect((await customers.listMergesInto('acme', 'cust')).map((m) => m.id)).toEqual(['m2']);
  });

  it('forgets every identity, suggestion and merge naming a customer, so the customer row can go', async () => {
    const { customers, conversations } = storage();
    await customers.addIdentity('acme', 'cust-2', line, 10);
    await customers.addIdentity('acme', 'cust', phone('+4915112345678'), 10);
    await customers.insertSuggestion('acme', { id: 's1', sourceCustomerId: 'cust-2', targetCustomerId: 'cust', reason: 'name', at: 20 });
    await customers.insertMerge(merge('m1'));
    await storage().transaction(async (tx) => {
      await tx.customers.forgetCustomer('acme', 'cust-2');
      await tx.conversations.eraseConversation('acme', 'c2', 90);
      await tx.conversations.eraseCustomer('acme', 'cust-2', { requestedBy: 'root', at: 90, conversations: 1, messages: 0 });
    }, { tenantId: 'acme' });
    expect([await customers.listIdentities('acme', 'cust-2'), await customers.listSuggestions('acme', 'cust'), await customers.listMergesInto('acme', 'cust')]).toEqual([[], [], []]);
    expect(await customers.listIdentities('acme', 'cust')).toEqual([phone('+4915112345678')]);
    expect(await conversations.findConversation('acme', 'c1')).not.toBeNull();
  });
});
