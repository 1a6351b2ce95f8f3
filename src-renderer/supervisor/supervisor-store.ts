import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CsvReport } from '../../src-shared/api/reports.js';
import type { SettablePresence } from '../../src-shared/domain/model.js';
import type { HistorySummary, LiveBoard } from '../../src-shared/protocol/supervisor.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** How often the live view asks again; the numbers are best effort (docs/architecture.md, "Sync protocol", point 9). */
export const LIVE_REFRESH_MS = 5_000;

export type SupervisorTab = 'live' | 'history' | 'admin';
const DAY_MS = 24 * 60 * 60_000;

export interface SupervisorState {
  open: boolean;
  tab: SupervisorTab;
  board: LiveBoard | null;
  error: string | null;
  /** The last `historyDays` days, hours in this desk's time zone. */
  history: HistorySummary | null;
  historyDays: number;
  setTab(tab: SupervisorTab): void;
  loadHistory(days: number): Promise<void>;
  /** A CSV export of the history's period, or the reason it failed. */
  exportCsv(report: CsvReport): Promise<{ filename: string; csv: string } | { error: string }>;
  /** Opens the live view and keeps it fresh until `close`. */
  show(): void;
  close(): void;
  refresh(): Promise<void>;
  /** Sets a colleague's presence; the live view shows it on its next refresh. */
  setAgentPresence(agentId: string, presence: SettablePresence): Promise<string | null>;
  /** Hands the conversation to a colleague, to oneself (take over), or back to the queue. */
  assign(conversationId: string, assigneeId: string | null): Promise<string | null>;
}

export type SupervisorStore = StoreApi<SupervisorState>;

export const supervisorContext = createStoreContext<SupervisorState>('supervisor');
export const { useStoreApi: useSupervisorStore, useSlice: useSupervisor } = supervisorContext;

export function createSupervisorStore(client: ApiClient): SupervisorStore {
  let timer: ReturnType<typeof setInterval> | null = null;
  return createStore<SupervisorState>()((set, get) => ({
    open: false,
    tab: 'live',
    board: null,
    error: null,
    history: null,
    historyDays: 7,

    setTab(tab) {
      set({ tab, error: null });
      if (tab === 'history') void get().loadHistory(get().historyDays);
    },

    async loadHistory(days) {
      const to = Date.now();
      set({ historyDays: days });
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      const result = await client.call('reports.summary', { from: to - days * DAY_MS, to, timeZone });
      if (!get().open) return;
      set(result.ok ? { history: result.value, error: null } : { error: result.error.message });
    },

    async exportCsv(report) {
      const to = Date.now();
      const result = await client.call('reports.csv', { report, from: to - get().historyDays * DAY_MS, to });
      return result.ok ? result.value : { error: result.error.message };
    },

    show() {
      if (get().open) return;
      set({ open: true });
      void get().refresh();
      timer = setInterval(() => void get().refresh(), LIVE_REFRESH_MS);
    },

    close() {
      if (timer) clearInterval(timer);
      timer = null;
      set({ open: false, tab: 'live', board: null, error: null, history: null });
    },

    async refresh() {
      if (get().tab !== 'live') return;
      const result = await client.call('supervisor.live', {});
      if (!get().open || get().tab !== 'live') return;
      set(result.ok ? { board: result.value, error: null } : { error: result.error.message });
    },

    async setAgentPresence(agentId, presence) {
      const result = await client.call('agents.setPresence', { agentId, presence });
      if (!result.ok) return result.error.message;
      // The change travels through the outbox; look again shortly.
      setTimeout(() => void get().refresh(), 500);
      return null;
    },

    async assign(conversationId, assigneeId) {
      const result = await client.call('conversations.assign', { conversationId, assigneeId });
      if (!result.ok) return result.error.message;
      if (get().open) void get().refresh();
      return null;
    },
  }));
}
