import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationCriteria, FilterChoices, SavedFilter, ViewCounts } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** A saved filter being written: a new one (no id) or one of the agent's own. */
export interface FilterDraft {
  filterId: string | null;
  name: string;
  criteria: ConversationCriteria;
}

/** A new filter starts at the work still to do. */
export const NEW_CRITERIA: ConversationCriteria = { statuses: ['open', 'pending'], labels: [], channels: [], languages: [], markets: [], slaStates: [], vip: null };

export interface ViewsState {
  /** As the core counted them; null until the first count arrives. */
  counts: ViewCounts | null;
  choices: FilterChoices;
  /** The filter being written in the editor, or null when it is closed. */
  draft: FilterDraft | null;
  saving: boolean;
  /** Why the last save or delete failed, in the core's words. */
  error: string | null;
  load(): Promise<void>;
  apply(counts: ViewCounts): void;
  startNew(): void;
  startEdit(filter: SavedFilter): void;
  changeDraft(change: Partial<FilterDraft>): void;
  closeDraft(): void;
  /** Returns the saved filter, or null when the core refused it (the reason is in `error`). */
  save(): Promise<SavedFilter | null>;
  remove(filterId: string): Promise<boolean>;
  reset(): void;
}

export type ViewsStore = StoreApi<ViewsState>;

export const viewsContext = createStoreContext<ViewsState>('views');
export const { useStoreApi: useViewsStore, useSlice: useViews } = viewsContext;

const NO_CHOICES: FilterChoices = { labels: [], languages: [], markets: [] };

/** The inbox's views and their live counts (pushed by the core as `views.changed`), and the saved-filter editor. */
export function createViewsStore(client: ApiClient): ViewsStore {
  return createStore<ViewsState>()((set, get) => {
    async function loadChoices(): Promise<void> {
      const result = await client.call('views.choices', {});
      if (result.ok) set({ choices: result.value });
    }
    return {
      counts: null,
      choices: NO_CHOICES,
      draft: null,
      saving: false,
      error: null,

      async load() {
        const result = await client.call('views.counts', {});
        if (result.ok) set({ counts: result.value });
      },

      apply(counts) {
        set({ counts });
      },

      startNew() {
        set({ draft: { filterId: null, name: '', criteria: NEW_CRITERIA }, error: null });
        void loadChoices();
      },

      startEdit(filter) {
        set({ draft: { filterId: filter.id, name: filter.name, criteria: filter.criteria }, error: null });
        void loadChoices();
      },

      changeDraft(change) {
        const draft = get().draft;
        if (draft) set({ draft: { ...draft, ...change }, error: null });
      },

      closeDraft() {
        set({ draft: null, error: null, saving: false });
      },

      async save() {
        const draft = get().draft;
        if (!draft || get().saving) return null;
        set({ saving: true, error: null });
        const result = await client.call('views.saveFilter', { filterId: draft.filterId, name: draft.name, criteria: draft.criteria });
        if (!result.ok) {
          set({ saving: false, error: result.error.message });
          return null;
        }
        set({ saving: false, draft: null });
        await get().load();
        return result.value.filter;
      },

      async remove(filterId) {
        const result = await client.call('views.deleteFilter', { filterId });
        if (!result.ok) {
          set({ error: result.error.message });
          return false;
        }
        await get().load();
        return true;
      },

      reset() {
        set({ counts: null, choices: NO_CHOICES, draft: null, saving: false, error: null });
      },
    };
  });
}
