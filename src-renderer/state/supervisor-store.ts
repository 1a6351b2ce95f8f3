import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LiveBoard } from '../../src-shared/protocol/supervisor.js';
import type { ApiClient } from './api-client.js';

/** How often the live view asks again; the numbers are best effort (DESIGN.md point 10). */
export const LIVE_REFRESH_MS = 5_000;

export interface SupervisorState {
  open: boolean;
  board: LiveBoard | null;
  error: string | null;
  /** Opens the live view and keeps it fresh until `close`. */
  show(): void;
  close(): void;
  refresh(): Promise<void>;
  /** Hands the conversation to a colleague, to oneself (take over), or back to the queue. */
  assign(conversationId: string, assigneeId: string | null): Promise<string | null>;
}

export type SupervisorStore = StoreApi<SupervisorState>;

export function createSupervisorStore(client: ApiClient): SupervisorStore {
  let timer: ReturnType<typeof setInterval> | null = null;
  return createStore<SupervisorState>()((set, get) => ({
    open: false,
    board: null,
    error: null,

    show() {
      if (get().open) return;
      set({ open: true });
      void get().refresh();
      timer = setInterval(() => void get().refresh(), LIVE_REFRESH_MS);
    },

    close() {
      if (timer) clearInterval(timer);
      timer = null;
      set({ open: false, board: null, error: null });
    },

    async refresh() {
      const result = await client.call('supervisor.live', {});
      if (!get().open) return;
      set(result.ok ? { board: result.value, error: null } : { error: result.error.message });
    },

    async assign(conversationId, assigneeId) {
      const result = await client.call('conversations.assign', { conversationId, assigneeId });
      if (!result.ok) return result.error.message;
      if (get().open) void get().refresh();
      return null;
    },
  }));
}
