import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput } from '../../src-shared/api/contract.js';
import type { ChannelAccountList, ChannelConnectionCheck } from '../../src-shared/protocol/channels/accounts.js';
import type { TemplateRefreshAnswer } from '../../src-shared/protocol/channels/templates.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** The last connection test of an account: under way, or what the provider said. */
export type ConnectionTest = { state: 'testing' } | ({ state: 'done' } & ChannelConnectionCheck);

export interface ChannelAccountsState {
  list: ChannelAccountList | null;
  error: string | null;
  tests: Readonly<Record<string, ConnectionTest>>;
  load(): Promise<void>;
  /** Each change goes to the relay, then the list is read again; the relay's refusal, or null. */
  connect(request: MethodInput<'channelAccounts.connect'>): Promise<string | null>;
  update(accountId: string, change: MethodInput<'channelAccounts.update'>['change']): Promise<string | null>;
  disconnect(accountId: string): Promise<string | null>;
  test(accountId: string): Promise<void>;
  /** The account's approved templates fetched from the provider now: how many, or why not. */
  refreshTemplates(accountId: string): Promise<TemplateRefreshAnswer>;
  reset(): void;
}

export type ChannelAccountsStore = StoreApi<ChannelAccountsState>;

export const channelAccountsContext = createStoreContext<ChannelAccountsState>('channelAccounts');
export const { useStoreApi: useChannelAccountsStore, useSlice: useChannelAccounts } = channelAccountsContext;

/** Company settings' messaging accounts, as the relay holds them; nothing about them is kept on this machine. */
export function createChannelAccountsStore(client: ApiClient): ChannelAccountsStore {
  return createStore<ChannelAccountsState>()((set, get) => {
    const changed = async (call: Promise<{ ok: true } | { ok: false; error: { message: string } }>) => {
      const result = await call;
      if (!result.ok) return result.error.message;
      await get().load();
      return null;
    };
    return {
      list: null,
      error: null,
      tests: {},

      async load() {
        const result = await client.call('channelAccounts.list', {});
        set(result.ok ? { list: result.value, error: null } : { error: result.error.message });
      },

      connect: (request) => changed(client.call('channelAccounts.connect', request)),
      update: (accountId, change) => changed(client.call('channelAccounts.update', { accountId, change })),

      async disconnect(accountId) {
        const refusal = await changed(client.call('channelAccounts.disconnect', { accountId }));
        if (refusal === null) set({ tests: withoutKey(get().tests, accountId) });
        return refusal;
      },

      async test(accountId) {
        set({ tests: { ...get().tests, [accountId]: { state: 'testing' } } });
        const result = await client.call('channelAccounts.test', { accountId });
        const outcome: ConnectionTest = result.ok ? { state: 'done', ...result.value } : { state: 'done', ok: false, error: result.error.message };
        set({ tests: { ...get().tests, [accountId]: outcome } });
      },

      async refreshTemplates(accountId) {
        const result = await client.call('channelAccounts.refreshTemplates', { accountId });
        return result.ok ? result.value : { ok: false, error: result.error.message };
      },

      reset() {
        set({ list: null, error: null, tests: {} });
      },
    };
  });
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
