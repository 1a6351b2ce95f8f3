import { describe, expect, it } from 'vitest';
import type { ApiResult, MethodOutput } from '../../src-shared/api/contract.js';
import type { CustomerProfile } from '../../src-shared/domain/customers.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost } from '../state/fake-bridge.js';
import { createCustomerStore } from './customer-store.js';

type Shown = ApiResult<MethodOutput<'customers.get'>>;

const profile = (id: string, over: Partial<CustomerProfile> = {}): CustomerProfile => ({
  id, name: `Customer ${id}`, language: 'th', market: 'TH', vip: false, identities: [], suggestions: [], merges: [], ...over,
});
const shown = (id: string, over: Partial<CustomerProfile> = {}): Shown => ({ ok: true, value: { customer: profile(id, over), conversations: [], suggestions: [], pending: false } });

describe('the customer store', () => {
  it('shows the customer asked for last, whatever order the answers come in', async () => {
    const host = createFakeHost();
    const answers: Record<string, () => void> = {};
    host.answer('customers.get', ({ customerId }) => new Promise<Shown>((resolve) => (answers[customerId] = () => resolve(shown(customerId)))));
    const store = createCustomerStore(createApiClient(host.bridge, () => {}));
    const first = store.getState().load('kim');
    const second = store.getState().load('nok');
    answers.nok?.();
    answers.kim?.();
    await Promise.all([first, second]);
    expect(store.getState().view?.customer.id).toBe('nok');
    await store.getState().load(null);
    expect(store.getState()).toMatchObject({ customerId: null, view: null });
  });

  it('asks the core to merge and unmerge, then reads the customer again, and says why when refused', async () => {
    const host = createFakeHost();
    host.answer('customers.get', ({ customerId }) => shown(customerId, { name: 'Kim Weber' }));
    host.answer('customers.merge', () => ({ ok: true, value: {} }));
    host.answer('customers.unmerge', () => ({ ok: false, error: { code: 'not_found', message: 'There is no merge m9 on this workstation.' } }));
    const store = createCustomerStore(createApiClient(host.bridge, () => {}));
    await store.getState().load('kim');
    await store.getState().merge('kim-line', 'kim');
    expect(host.callsOf('customers.merge')).toEqual([{ sourceCustomerId: 'kim-line', targetCustomerId: 'kim' }]);
    expect(host.callsOf('customers.get')).toHaveLength(2);
    await store.getState().unmerge('m9');
    expect(store.getState().error).toBe('There is no merge m9 on this workstation.');
    store.getState().toggle();
    expect(store.getState().collapsed).toBe(true);
  });
});
