import { createStore, type StoreApi } from 'zustand/vanilla';
import { UNDO_PAUSE_LEASE_MS } from '../../src-shared/api/conversations.js';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** The latest resolution the agent may still take back; its window stands still while `paused`. */
export interface HeldResolution {
  conversationId: string;
  customerName: string;
  paused: boolean;
}

export interface ResolveUndoState {
  held: HeldResolution | null;
  /** Why the last undo did not happen (the window closed meanwhile). */
  error: string | null;
  /** A resolution was held for `undoWindowMs`: offer to undo it until then. */
  offer(conversation: Conversation, undoWindowMs: number): void;
  /**
   * The agent is on the toast (its keyboard focus or the pointer) or has left it: the core's
   * window pauses, or runs again with what it had left (WCAG 2.2.1, timing adjustable).
   */
  stay(onToast: boolean): Promise<void>;
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
export function createResolveUndoStore(client: ApiClient): ResolveUndoStore {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Renews the core's pause while the agent stays on the toast (its lease: UNDO_PAUSE_LEASE_MS).
  let renewal: ReturnType<typeof setInterval> | null = null;
  const stopTimers = () => {
    if (timer) clearTimeout(timer);
    if (renewal) clearInterval(renewal);
    timer = null;
    renewal = null;
  };
  const clearAfter = (ms: number, clear: () => void) => {
    stopTimers();
    timer = setTimeout(() => {
      timer = null;
      clear();
    }, ms);
  };

  return createStore<ResolveUndoState>()((set, get) => ({
    held: null,
    error: null,

    offer(conversation, undoWindowMs) {
      set({ held: { conversationId: conversation.id, customerName: conversation.customerName, paused: false }, error: null });
      clearAfter(undoWindowMs, () => set({ held: null }));
    },

    async stay(onToast) {
      const { held } = get();
      if (!held || held.paused === onToast) return;
      const pauseUndo = () => client.call('conversations.pauseUndo', { conversationId: held.conversationId, paused: onToast });
      stopTimers();
      set({ held: { ...held, paused: onToast } });
      if (onToast) renewal = setInterval(() => void pauseUndo(), UNDO_PAUSE_LEASE_MS / 3);
      const result = await pauseUndo();
      const now = get().held;
      // Another offer, or the agent came back or left again, while this was asked: the later call decides.
      if (now?.conversationId !== held.conversationId || now.paused !== onToast) return;
      const left = result.ok ? result.value.undoWindowMs : null;
      if (left === null) {
        // Nothing held any more (the window had closed): the offer is over.
        stopTimers();
        set({ held: null });
      } else if (!onToast) {
        clearAfter(left, () => set({ held: null }));
      }
    },

    async undo() {
      const { held } = get();
      if (!held) return false;
      stopTimers();
      set({ held: null });
      const result = await client.call('conversations.undoResolve', { conversationId: held.conversationId });
      if (result.ok) return true;
      set({ error: result.error.message });
      clearAfter(ERROR_SHOWN_MS, () => set({ error: null }));
      return false;
    },

    dismiss() {
      stopTimers();
      set({ held: null, error: null });
    },
  }));
}
