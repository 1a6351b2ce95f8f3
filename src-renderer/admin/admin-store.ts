import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput } from '../../src-shared/api/contract.js';
import type { AdminSettings } from '../../src-shared/protocol/admin.js';
import type { AuditFilters, AuditPage } from '../../src-shared/protocol/audit.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';

type AdminChange = 'admin.saveTeamHours' | 'admin.createTeam' | 'admin.createAgent' | 'admin.saveAgent' | 'admin.saveSlaPolicies' | 'admin.saveRoutingSettings' | 'admin.blockSender' | 'admin.unblockSender' | 'admin.saveMaskingPolicy' | 'admin.saveRetention' | 'admin.saveModelSet';

export interface AdminState {
  settings: AdminSettings | null;
  error: string | null;
  load(): Promise<void>;
  /** Sends one change to the relay and reads the settings back; the relay's refusal, or null. */
  save<M extends AdminChange>(method: M, params: MethodInput<M>): Promise<string | null>;
  /** One page of the audit log, or the reason it could not be read. */
  auditPage(filters: AuditFilters): Promise<AuditPage | { error: string }>;
  /** The filtered audit log as a CSV file, or the reason it could not be exported. */
  auditCsv(filters: MethodInput<'admin.auditCsv'>): Promise<{ filename: string; csv: string } | { error: string }>;
  reset(): void;
}

export type AdminStore = StoreApi<AdminState>;

export const adminContext = createStoreContext<AdminState>('admin');
export const { useStoreApi: useAdminStore, useSlice: useAdmin } = adminContext;

/** The company settings as the relay holds them: read when the admin view opens, read again after each change. */
export function createAdminStore(client: ApiClient): AdminStore {
  return createStore<AdminState>()((set, get) => ({
    settings: null,
    error: null,

    async load() {
      const result = await client.call('admin.settings', {});
      set(result.ok ? { settings: result.value, error: null } : { error: result.error.message });
    },

    async save(method, params) {
      const result = await client.call(method, params);
      if (!result.ok) return result.error.message;
      await get().load();
      return null;
    },

    async auditPage(filters) {
      const result = await client.call('admin.audit', filters);
      return result.ok ? result.value : { error: result.error.message };
    },

    async auditCsv(filters) {
      const result = await client.call('admin.auditCsv', filters);
      return result.ok ? result.value : { error: result.error.message };
    },

    reset() {
      set({ settings: null, error: null });
    },
  }));
}
