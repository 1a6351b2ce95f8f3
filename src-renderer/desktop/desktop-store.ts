import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface DesktopState {
  /** An update is downloaded and the desktop app offers a restart; null when nothing is on offer. */
  update: { version: string | null } | null;
  error: string | null;
  applyUpdate(version: string | null, offered: boolean): void;
  restartNow(): Promise<void>;
  later(): Promise<void>;
}

export type DesktopStore = StoreApi<DesktopState>;

export const desktopContext = createStoreContext<DesktopState>('desktop');
export const { useStoreApi: useDesktopStore, useSlice: useDesktop } = desktopContext;

/** What the desktop app's shell offers the agent here: for now, a restart into a downloaded update. */
export function createDesktopStore(client: ApiClient): DesktopStore {
  return createStore<DesktopState>()((set) => ({
    update: null,
    error: null,

    applyUpdate(version, offered) {
      set({ update: offered ? { version } : null, error: null });
    },

    async restartNow() {
      const result = await client.call('desktop.restartToUpdate', {});
      if (!result.ok) set({ error: result.error.message });
    },

    async later() {
      set({ update: null });
      const result = await client.call('desktop.postponeUpdate', {});
      if (!result.ok) set({ error: result.error.message });
    },
  }));
}
