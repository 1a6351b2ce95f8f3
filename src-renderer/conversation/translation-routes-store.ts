import { createStore, type StoreApi } from 'zustand/vanilla';
import { canTranslate, type TranslationRoute } from '../../src-shared/domain/translation-routes.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface TranslationRoutesState {
  /** What the models installed on this machine translate; none until loaded, or without a model. */
  routes: TranslationRoute[];
  /** Read again after sign-in and whenever models change. */
  load(): Promise<void>;
  reset(): void;
}

export type TranslationRoutesStore = StoreApi<TranslationRoutesState>;

export const translationRoutesContext = createStoreContext<TranslationRoutesState>('translation routes');
export const { useStoreApi: useTranslationRoutesStore, useSlice: useTranslationRoutes } = translationRoutesContext;

/** Whether `from` → `to` can be translated on this machine now (the same rule the core translates by). */
export function useCanTranslate(from: string | null, to: string | null): boolean {
  return useTranslationRoutes((s) => from !== null && to !== null && canTranslate(s.routes, from, to));
}

export function createTranslationRoutesStore(client: ApiClient): TranslationRoutesStore {
  let asked = 0;
  return createStore<TranslationRoutesState>()((set) => ({
    routes: [],
    async load() {
      const ticket = ++asked;
      const result = await client.call('translation.routes', {});
      // Without an answer nothing is claimed translatable: the composer asks before sending untranslated.
      if (ticket === asked) set({ routes: result.ok ? result.value.routes : [] });
    },
    reset() {
      asked += 1;
      set({ routes: [] });
    },
  }));
}
