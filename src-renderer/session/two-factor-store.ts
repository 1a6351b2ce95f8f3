import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TwoFactorEnrolment, TwoFactorStatus } from '../../src-shared/protocol/two-factor.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface TwoFactorState {
  status: TwoFactorStatus | null;
  /** The enrolment under way: its secret and URI live here only until it is confirmed. */
  enrolment: TwoFactorEnrolment | null;
  /** Shown once, right after confirming. */
  recoveryCodes: string[] | null;
  busy: boolean;
  error: string | null;
  load(): Promise<void>;
  start(): Promise<void>;
  confirm(code: string): Promise<void>;
  disable(code: string): Promise<void>;
  reset(): void;
}

export type TwoFactorStore = StoreApi<TwoFactorState>;

export const twoFactorContext = createStoreContext<TwoFactorState>('twoFactor');
export const { useStoreApi: useTwoFactorStore, useSlice: useTwoFactor } = twoFactorContext;

/** The agent's own two-factor sign-in: status, enrolment with its QR code, recovery codes, turning it off. */
export function createTwoFactorStore(client: ApiClient): TwoFactorStore {
  return createStore<TwoFactorState>()((set, get) => ({
    status: null,
    enrolment: null,
    recoveryCodes: null,
    busy: false,
    error: null,
    async load() {
      const result = await client.call('twoFactor.status', {});
      set(result.ok ? { status: result.value, error: null } : { error: result.error.message });
    },
    async start() {
      set({ busy: true, error: null, recoveryCodes: null });
      const result = await client.call('twoFactor.enrol', {});
      set(result.ok ? { busy: false, enrolment: result.value } : { busy: false, error: result.error.message });
    },
    async confirm(code) {
      set({ busy: true, error: null });
      const result = await client.call('twoFactor.confirm', { code });
      if (!result.ok) {
        set({ busy: false, error: result.error.message });
        return;
      }
      set({ busy: false, enrolment: null, recoveryCodes: result.value.recoveryCodes });
      await get().load();
    },
    async disable(code) {
      set({ busy: true, error: null });
      const result = await client.call('twoFactor.disable', { code });
      set(result.ok ? { busy: false } : { busy: false, error: result.error.message });
      if (result.ok) await get().load();
    },
    reset: () => set({ status: null, enrolment: null, recoveryCodes: null, busy: false, error: null }),
  }));
}
