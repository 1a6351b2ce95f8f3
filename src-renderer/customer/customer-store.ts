import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodOutput } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export type CustomerView = MethodOutput<'customers.get'>;

export interface CustomerState {
  customerId: string | null;
  view: CustomerView | null;
  error: string | null;
  /** The panel folded to a strip, to give the conversation room; kept across conversations. */
  collapsed: boolean;
  /** Shows the customer (again: their conversations or profile may have changed); null clears the panel. */
  load(customerId: string | null): Promise<void>;
  refresh(): Promise<void>;
  /** The shown customer and `otherCustomerId` are one person: the newer record goes into the older. */
  merge(sourceCustomerId: string, targetCustomerId: string): Promise<void>;
  unmerge(mergeId: string): Promise<void>;
  toggle(): void;
}

export type CustomerStore = StoreApi<CustomerState>;

export const customerContext = createStoreContext<CustomerState>('customer');
export const { useStoreApi: useCustomerStore, useSlice: useCustomer } = customerContext;

/** The customer of the open conversation, beside it: identities, market, language, VIP, conversations on every channel. */
export function createCustomerStore(client: ApiClient): CustomerStore {
  return createStore<CustomerState>()((set, get) => {
    /** The answer for the customer still shown, or nothing: a slow answer for the previous customer is dropped. */
    async function read(customerId: string): Promise<void> {
      const result = await client.call('customers.get', { customerId });
      if (get().customerId !== customerId) return;
      set(result.ok ? { view: result.value, error: null } : { error: result.error.message });
    }
    /** Asks the core for a change, then shows the customer as they are now (pending until the relay answers), and why not if refused. */
    async function change(call: () => ReturnType<ApiClient['call']>): Promise<void> {
      const result = await call();
      await get().refresh();
      if (!result.ok) set({ error: result.error.message });
    }
    return {
      customerId: null,
      view: null,
      error: null,
      collapsed: false,

      async load(customerId) {
        if (customerId !== get().customerId) set({ customerId, view: null, error: null });
        if (customerId) await read(customerId);
      },

      async refresh() {
        const { customerId } = get();
        if (customerId) await read(customerId);
      },

      merge: (sourceCustomerId, targetCustomerId) => change(() => client.call('customers.merge', { sourceCustomerId, targetCustomerId })),

      unmerge: (mergeId) => change(() => client.call('customers.unmerge', { mergeId })),

      toggle() {
        set({ collapsed: !get().collapsed });
      },
    };
  });
}
