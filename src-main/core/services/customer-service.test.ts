import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerMerge, CustomerProfile } from '../../../src-shared/domain/customers.js';
import type { Conversation } from '../../../src-shared/domain/model.js';
import type { SyncEvent } from '../../../src-shared/protocol/sync.js';
import { Cache } from '../../store/cache.js';
import { sampleAgent, sampleConversation } from '../../store/testing/records.js';
import { applyEventsFrame } from '../../sync/apply-events.js';
import { ChangeSet } from '../../sync/change-set.js';
import { clientMutationOf } from '../../sync/mutations/index.js';
import type { SyncClient } from '../../sync/sync-client.js';
import { ApiEvents } from '../api-events.js';
import { ApiFailure } from '../api-router.js';
import { customerHandlers, type CustomerHandlers } from './customer-service.js';
import { Guards } from './guards.js';

const WA = { kind: 'channel' as const, value: 'whatsapp:wa:4915112345678', verified: true };
const PHONE = { kind: 'phone' as const, value: '+4915112345678', verified: true };
const LINE = { kind: 'channel' as const, value: 'line:ln:U1', verified: true };
const profile = (over: Partial<CustomerProfile> & { id: string }): CustomerProfile => ({ name: 'Kim Weber', language: 'de', market: 'DE', vip: false, identities: [], suggestions: [], merges: [], ...over });
const suggestion = { id: 's1', sourceCustomerId: 'cust-line', targetCustomerId: 'cust-wa', reason: 'name' as const, at: 5 };
const merge: CustomerMerge = { id: 'm1', sourceCustomerId: 'cust-line', sourceName: 'Kim W.', targetCustomerId: 'cust-wa', at: 9, byName: 'Mei Chen', conversationIds: ['c-line'] };

describe('the customer beside a conversation', () => {
  let cache: Cache;
  let handlers: CustomerHandlers;
  let seq: number;
  const emitted: unknown[] = [];

  beforeEach(() => {
    cache = Cache.open(':memory:');
    cache.session.saveSignIn({ token: 't', expiresAt: Date.now() + 60_000, agent: sampleAgent() });
    const events = new ApiEvents(() => undefined);
    emitted.length = 0;
    events.on('customers.changed', (payload) => emitted.push(payload));
    const sync = { outboxChanged: () => undefined } as unknown as SyncClient;
    handlers = customerHandlers({ cache, sync, events, guards: new Guards(cache, { isClosed: () => false }), relayUrl: 'http://127.0.0.1:1', log: () => undefined });
    seq = 0;
    apply(
      { type: 'conversation.upserted', conversation: kimOnWhatsApp() },
      { type: 'conversation.upserted', conversation: kimOnLine() },
      { type: 'customer.updated', customer: profile({ id: 'cust-wa', vip: true, identities: [WA, PHONE], suggestions: [suggestion] }) },
      { type: 'customer.updated', customer: profile({ id: 'cust-line', name: 'Kim W.', market: null, identities: [LINE], suggestions: [suggestion] }) },
    );
  });
  afterEach(() => cache.close());

  function kimOnWhatsApp(over: Partial<Conversation> = {}): Conversation {
    return sampleConversation({ id: 'c-wa', customerId: 'cust-wa', customerName: 'Kim Weber', channel: 'whatsapp', lastMessageAt: 100, vip: true, ...over });
  }
  function kimOnLine(over: Partial<Conversation> = {}): Conversation {
    return sampleConversation({ id: 'c-line', customerId: 'cust-line', customerName: 'Kim W.', channel: 'line', lastMessageAt: 200, ...over });
  }
  function apply(...data: SyncEvent['data'][]): ChangeSet {
    const events = data.map((each) => ({ seq: ++seq, at: seq, data: each }));
    const changes = new ChangeSet();
    applyEventsFrame(cache, { type: 'events', from: seq - data.length, to: seq, events, hasMore: false }, changes);
    return changes;
  }
  const get = (customerId: string) => handlers['customers.get']({ customerId });

  it('shows the customer as the relay told them, their conversations here newest first, and whom the relay thinks they may be', async () => {
    const shown = await get('cust-wa');
    expect(shown.customer).toMatchObject({ id: 'cust-wa', vip: true, market: 'DE', identities: [WA, PHONE] });
    expect(shown.conversations.map((c) => c.id)).toEqual(['c-wa']);
    expect(shown.suggestions).toEqual([{ ...suggestion, otherCustomerId: 'cust-line', otherName: 'Kim W.' }]);
    expect(shown.pending).toBe(false);
  });

  it('falls back on what a conversation says, names no one it cannot see, and knows no customer without one', async () => {
    apply({ type: 'conversation.upserted', conversation: sampleConversation({ id: 'c-old', customerId: 'cust-old', customerName: 'Nok', market: 'TH' }) });
    expect((await get('cust-old')).customer).toEqual({ id: 'cust-old', name: 'Nok', language: 'th-TH', market: 'TH', vip: false, identities: [], suggestions: [], merges: [] });
    apply({ type: 'customer.updated', customer: profile({ id: 'cust-old', suggestions: [{ ...suggestion, sourceCustomerId: 'cust-old', targetCustomerId: 'elsewhere' }] }) });
    expect((await get('cust-old')).suggestions[0]).toMatchObject({ otherCustomerId: 'elsewhere', otherName: null });
    await expect(get('nobody')).rejects.toEqual(new ApiFailure('not_found', 'There is no customer nobody on this workstation.'));
  });

  it('tells which number one customer wrote and the other holds verified, on which channels, and nothing of a customer not held here', async () => {
    const said = { ...suggestion, id: 's2', reason: 'phone' as const };
    const THAI = { kind: 'phone' as const, value: '+66812345678', verified: true };
    const WA_TH = { kind: 'channel' as const, value: 'whatsapp:wa:66812345678', verified: true };
    apply(
      { type: 'customer.updated', customer: profile({ id: 'cust-wa', identities: [WA_TH, THAI], suggestions: [said] }) },
      { type: 'customer.updated', customer: profile({ id: 'cust-line', identities: [LINE, { ...THAI, verified: false }], suggestions: [said] }) },
    );
    expect((await get('cust-line')).suggestions[0]?.phone).toEqual({ number: '+66 81 234 5678', saidBy: 'this', saidOn: 'line', verifiedOn: 'whatsapp' });
    expect((await get('cust-wa')).suggestions[0]?.phone).toEqual({ number: '+66 81 234 5678', saidBy: 'other', saidOn: 'line', verifiedOn: 'whatsapp' });
    apply({ type: 'conversation.upserted', conversation: kimOnWhatsApp({ customerId: 'someone-else' }) });
    expect((await get('cust-line')).suggestions[0]).toMatchObject({ otherName: null });
    expect((await get('cust-line')).suggestions[0]).not.toHaveProperty('phone');
  });

  it('queues a merge, shows it pending, then shows the merged customer once the relay says so', async () => {
    await handlers['customers.merge']({ sourceCustomerId: 'cust-line', targetCustomerId: 'cust-wa' });
    expect(cache.outbox.next(10).map((m) => m.body)).toEqual([{ kind: 'customer.merge', sourceCustomerId: 'cust-line', targetCustomerId: 'cust-wa' }]);
    expect(emitted).toEqual([{ customerIds: ['cust-line', 'cust-wa'] }]);
    expect((await get('cust-wa')).pending).toBe(true);
    const changes = apply(
      { type: 'conversation.upserted', conversation: kimOnLine({ customerId: 'cust-wa', customerName: 'Kim Weber', vip: true }) },
      { type: 'customer.merged', merge, customer: profile({ id: 'cust-wa', vip: true, identities: [LINE, WA, PHONE], merges: [merge] }) },
    );
    const announced: unknown[] = [];
    changes.announce((event, payload) => announced.push([event, payload]));
    expect(announced).toContainEqual(['customers.changed', { customerIds: ['cust-wa', 'cust-line'] }]);
    const merged = await get('cust-wa');
    expect(merged.conversations.map((c) => c.id)).toEqual(['c-line', 'c-wa']);
    expect(merged.customer.merges).toEqual([merge]);
    expect(cache.customers.get('cust-line')).toBeUndefined();
    await expect(get('cust-line')).rejects.toMatchObject({ code: 'not_found' });
    await expect(handlers['customers.merge']({ sourceCustomerId: 'cust-line', targetCustomerId: 'cust-wa' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('queues an unmerge of a merge it knows, and a refusal leaves a notice on the customer\'s newest conversation', async () => {
    apply({ type: 'customer.updated', customer: profile({ id: 'cust-wa', merges: [merge] }) });
    await expect(handlers['customers.unmerge']({ mergeId: 'm2' })).rejects.toMatchObject({ code: 'not_found' });
    await handlers['customers.unmerge']({ mergeId: 'm1' });
    expect((await get('cust-wa')).pending).toBe(true);
    const [queued] = cache.outbox.next(10);
    if (queued?.body.kind !== 'customer.unmerge') throw new Error('expected the unmerge');
    const settling = { cache, changes: new ChangeSet() };
    clientMutationOf('customer.unmerge').refused(settling, queued.body, { mutationId: queued.mutationId, code: 'not_found', message: 'This merge is not among the ones you can see.' }, 50);
    expect(cache.notices.shown()).toMatchObject([{ kind: 'change-not-applied', conversationId: 'c-wa', customerName: 'Kim Weber', detail: 'This merge is not among the ones you can see.' }]);
  });

  it('forgets a customer once no conversation of theirs is held here', async () => {
    apply({ type: 'conversation.erased', conversationId: 'c-line' });
    expect(cache.customers.get('cust-line')).toBeUndefined();
    expect(cache.customers.get('cust-wa')).toBeDefined();
  });
});
