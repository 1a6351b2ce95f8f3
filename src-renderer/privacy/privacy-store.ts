import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput } from '../../src-shared/api/contract.js';
import type { PrivacyRequestUpdate } from '../../src-shared/privacy/privacy-requests.js';
import type { PrivacyRegister, PrivacyRequestDetail } from '../../src-shared/protocol/privacy.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

/** What the form to open a request starts with: from a conversation, its customer and channel. */
export type RequestPrefill = Pick<MethodInput<'privacy.open'>, 'customerId' | 'channel' | 'requesterName'> & { conversationId: string | null };

/** How often the register is read again while the desk is signed in, so new reminders show on the Privacy button. */
export const REGISTER_REFRESH_MS = 5 * 60_000;

export interface PrivacyState {
  /** Whether this account may use the register; null until asked. */
  access: boolean | null;
  /** The Privacy requests screen is shown (instead of the conversation). */
  open: boolean;
  openOnly: boolean;
  register: PrivacyRegister | null;
  detail: PrivacyRequestDetail | null;
  error: string | null;
  /** The form to open a request, when shown; from a conversation, prefilled. */
  form: RequestPrefill | null;
  /** What the last opened request answered, to say it was opened and when it is due. */
  opened: { id: string; dueAt: number; conversationId: string | null } | null;
  loadAccess(): Promise<void>;
  show(): void;
  close(): void;
  refresh(): Promise<void>;
  setOpenOnly(openOnly: boolean): Promise<void>;
  select(requestId: string | null): Promise<void>;
  startForm(prefill: RequestPrefill): void;
  cancelForm(): void;
  /** Opens the request; the relay's refusal, or null. */
  submit(request: MethodInput<'privacy.open'>): Promise<string | null>;
  update(requestId: string, update: PrivacyRequestUpdate): Promise<string | null>;
  makeExport(requestId: string): Promise<string | null>;
  /** The bundle as a file to save, or the reason it could not be had. */
  download(exportId: string): Promise<{ filename: string; bytes: string } | { error: string }>;
  /** Administrators: the company's accounts and which hold the privacy capability. */
  team: PrivacyTeamView | null;
  loadTeam(): Promise<void>;
  setHolder(agentId: string, privacy: boolean): Promise<string | null>;
  reset(): void;
}

export interface PrivacyTeamView {
  accounts: { id: string; name: string; role: string }[];
  holderIds: string[];
}

export type PrivacyStore = StoreApi<PrivacyState>;

export const privacyContext = createStoreContext<PrivacyState>('privacy');
export const { useStoreApi: usePrivacyStore, useSlice: usePrivacy } = privacyContext;

const EMPTY = { access: null, open: false, openOnly: true, register: null, detail: null, error: null, form: null, opened: null, team: null } as const;

/** The register of data subject requests, as the relay keeps it: read when shown and after every change. */
export function createPrivacyStore(client: ApiClient): PrivacyStore {
  return createStore<PrivacyState>()((set, get) => ({
    ...EMPTY,

    async loadAccess() {
      const result = await client.call('privacy.access', {});
      set({ access: result.ok && result.value.privacy });
      if (get().access) await get().refresh();
    },

    show() {
      set({ open: true, error: null });
      void get().refresh();
    },

    close() {
      set({ open: false, detail: null, error: null });
    },

    async refresh() {
      if (!get().access) return;
      const result = await client.call('privacy.register', { openOnly: get().openOnly });
      set(result.ok ? { register: result.value, error: null } : { error: result.error.message });
    },

    async setOpenOnly(openOnly) {
      set({ openOnly });
      await get().refresh();
    },

    async select(requestId) {
      if (!requestId) return set({ detail: null });
      const result = await client.call('privacy.request', { requestId });
      set(result.ok ? { detail: result.value, error: null } : { error: result.error.message });
    },

    startForm(prefill) {
      set({ form: prefill, opened: null });
    },

    cancelForm() {
      set({ form: null });
    },

    async submit(request) {
      const result = await client.call('privacy.open', request);
      if (!result.ok) return result.error.message;
      set({ form: null, opened: { id: result.value.id, dueAt: result.value.dueAt, conversationId: request.conversationId ?? null } });
      await get().refresh();
      if (get().access) await get().select(result.value.id);
      return null;
    },

    async update(requestId, update) {
      const result = await client.call('privacy.update', { requestId, update });
      if (!result.ok) return result.error.message;
      await Promise.all([get().refresh(), get().select(requestId)]);
      return null;
    },

    async makeExport(requestId) {
      const result = await client.call('privacy.export', { requestId });
      if (!result.ok) return result.error.message;
      await get().select(requestId);
      return null;
    },

    async download(exportId) {
      const result = await client.call('privacy.download', { exportId });
      return result.ok ? result.value : { error: result.error.message };
    },

    async loadTeam() {
      const [settings, team] = await Promise.all([client.call('admin.settings', {}), client.call('privacy.team', {})]);
      if (!settings.ok || !team.ok) return set({ error: (settings.ok ? null : settings.error.message) ?? (team.ok ? null : team.error.message) });
      const accounts = settings.value.agents.filter((a) => a.role !== 'admin').map(({ id, name, role }) => ({ id, name, role }));
      set({ team: { accounts, holderIds: team.value.holderIds } });
    },

    async setHolder(agentId, privacy) {
      const result = await client.call('privacy.setTeam', { agentId, privacy });
      if (!result.ok) return result.error.message;
      await get().loadTeam();
      return null;
    },

    reset() {
      set({ ...EMPTY });
    },
  }));
}
