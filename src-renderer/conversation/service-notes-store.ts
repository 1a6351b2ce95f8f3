import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RegionalNote } from '../../src-shared/api/contract.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

export interface ServiceNotesState {
  conversationId: string | null;
  notes: RegionalNote[];
  /** Reads the notes for a conversation (again: its intent may have changed). */
  load(conversationId: string | null): Promise<void>;
  dismiss(noteId: string): Promise<void>;
}

export type ServiceNotesStore = StoreApi<ServiceNotesState>;

export const serviceNotesContext = createStoreContext<ServiceNotesState>('service notes');
export const { useStoreApi: useServiceNotesStore, useSlice: useServiceNotes } = serviceNotesContext;

/** The regional service notes of the open conversation. */
export function createServiceNotesStore(client: ApiClient): ServiceNotesStore {
  return createStore<ServiceNotesState>()((set, get) => ({
    conversationId: null,
    notes: [],

    async load(conversationId) {
      if (conversationId !== get().conversationId) set({ conversationId, notes: [] });
      if (!conversationId) return;
      const result = await client.call('kb.regionalNotes', { conversationId });
      if (result.ok && get().conversationId === conversationId) set({ notes: result.value.notes });
    },

    async dismiss(noteId) {
      const { conversationId } = get();
      if (!conversationId) return;
      set({ notes: get().notes.filter((note) => note.id !== noteId) });
      const result = await client.call('kb.dismissRegionalNote', { conversationId, noteId });
      if (result.ok && get().conversationId === conversationId) set({ notes: result.value.notes });
    },
  }));
}
