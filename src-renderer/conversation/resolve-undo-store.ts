import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** The latest resolution the agent may still take back, until `until` (this window's clock). */
export interface HeldResolution {
  conversationId: string;
  customerName: string;
  until: number;
}

export interface ResolveUndoState {
  held: HeldResolution | null;
  /** Why the last undo did not happen (the window closed meanwhile). */
  error: string | null;
  /** A resolution was held for `undoWindowMs`: offer to undo it until then. */
  offer(conversation: Conversation, undoWindowMs: number): void;
  /** Takes the offered resolution back; false when there was none or it had gone. */
  undo(): Promise<boolean>;
  dismiss(): void;
}

export type ResolveUndoStore = StoreApi<ResolveUndoState>;

export const resolveUndoContext = createStoreContext<ResolveUndoState>('resolve-undo');
export const { useStoreApi: useResolveUndoStore, useSlice: useResolveUndo } = resolveUndoContext;

/** How long a refused undo stays said. */
const ERROR_SHOWN_MS = 5_000;

/**
 * The toast's state: one resolution at a time, the newest (as mail clients do). The core keeps the
 * window (it holds the resolution back from the relay); this only shows the offer for as long.
 */
export function createResolveUndoStore(client: ApiClient, now: () => number = Date.now): ResolveUndoStore {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clearAfter = (ms: number, clear: () => void) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      clear();
    }, ms);
  };

  return createStore<ResolveUndoState>()((set, get) => ({
    held: null,
    error: null,

    offer(conversation, undoWindowMs) {
      set({ held: { conversationId: conversation.id, customerName: conversation.customerName, until: now() + undoWindowMs }, error: null });
      clearAfter(undoWindowMs, () => set({ held: null }));
    },

    async undo() {
      const { held } = get();
      if (!held) return false;
      set({ held: null });
      const result = await client.call('conversations.undoResolve', { conversationId: held.conversationId });
      if (result.ok) return true;
      set({ error: result.error.message });
      clearAfter(ERROR_SHOWN_MS, () => set({ error: null }));
      return false;
    },

    dismiss() {
      if (timer) clearTimeout(timer);
      timer = null;
      set({ held: null, error: null });
    },
  }));
}
