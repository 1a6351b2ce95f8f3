import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Connection } from '../../src-shared/api/contract.js';
import type { Agent, AwayReason, Presence, SettablePresence } from '../../src-shared/domain/model.js';
import type { SsoProvider } from '../../src-shared/protocol/single-sign-on.js';
import type { ApiClient } from './api-client.js';
import { createStoreContext } from './store-context.js';

/** `unreachable`: the first session.get failed, so we do not know yet who is signed in. */
export type SessionStatus = 'loading' | 'unreachable' | 'signed-out' | 'signed-in';

export interface SessionState {
  status: SessionStatus;
  agent: Agent | null;
  presence: Presence;
  /** Why away, when said; when after-call work ends. */
  presenceReason: AwayReason | null;
  presenceUntil: number | null;
  connection: Connection;
  loadError: string | null;
  loggingIn: boolean;
  loginError: string | null;
  /** The sign-in waits for the account's code (`code`), or for two-factor sign-in to be set up (`enrol`). */
  twoFactorStep: 'code' | 'enrol' | null;
  /** The companies that sign in with their own provider ("Sign in with …"). */
  ssoProviders: SsoProvider[];
  /** The provider whose sign-in the browser is finishing, while the desk waits for it. */
  ssoWaiting: SsoProvider | null;
  /** Why the last top-bar action (presence, sign out) failed. */
  actionError: string | null;
  /** False while the link to the workstation host (web host socket) is down. */
  hostLinked: boolean;
  load(): Promise<void>;
  login(email: string, password: string, code?: string): Promise<void>;
  loadSsoProviders(): Promise<void>;
  /** The address to open in the browser; the desk then waits for that sign-in (`ssoWaiting`). */
  startSso(provider: SsoProvider): Promise<string | null>;
  /** Stops waiting for the browser's sign-in (it may still finish there; the desk no longer fetches it). */
  cancelSso(): void;
  /** Two-factor sign-in was set up for a sign-in that waited for it: the agent is signed in now. */
  finishTwoFactor(): Promise<void>;
  logout(): Promise<void>;
  /** "Sign out and wipe this device": the host then deletes the cache and its key and restarts. */
  wipeDevice(): Promise<void>;
  logoutEverywhere(): Promise<void>;
  setPresence(presence: SettablePresence, reason?: AwayReason): Promise<void>;
  applyAgent(agent: Agent | null): void;
  applyPresence(presence: Presence, reason?: AwayReason | null, until?: number | null): void;
  applyConnection(connection: Connection): void;
  applyHostLink(up: boolean): void;
}

export type SessionStore = StoreApi<SessionState>;

export const sessionContext = createStoreContext<SessionState>('session');
export const { useStoreApi: useSessionStore, useSlice: useSession } = sessionContext;

export const INITIAL_CONNECTION: Connection = { state: 'connecting', pendingCount: 0, lastError: null, retryAt: null, resync: null };

export function createSessionStore(client: ApiClient): SessionStore {
  return createStore<SessionState>()((set, get) => ({
    status: 'loading',
    agent: null,
    presence: 'offline',
    presenceReason: null,
    presenceUntil: null,
    connection: INITIAL_CONNECTION,
    loadError: null,
    loggingIn: false,
    loginError: null,
    twoFactorStep: null,
    ssoProviders: [],
    ssoWaiting: null,
    actionError: null,
    hostLinked: true,

    async load() {
      const result = await client.call('session.get', {});
      if (!result.ok) {
        // Once we know who is signed in, a failed refresh keeps showing what we have.
        if (get().status === 'loading' || get().status === 'unreachable') {
          set({ status: 'unreachable', loadError: result.error.message });
        }
        return;
      }
      const { agent, presence, connection } = result.value;
      set({ agent, presence, connection, status: agent ? 'signed-in' : 'signed-out', loadError: null });
    },

    async login(email, password, code) {
      set({ loggingIn: true, loginError: null });
      const result = await client.call('session.login', code === undefined ? { email, password } : { email, password, code });
      if (!result.ok) {
        set({ loggingIn: false, loginError: result.error.message });
        return;
      }
      const { agent, twoFactor } = result.value;
      if (!agent) {
        set({ loggingIn: false, twoFactorStep: twoFactor === 'enrolment_required' ? 'enrol' : 'code' });
        return;
      }
      set({ loggingIn: false, agent, twoFactorStep: null, status: 'signed-in', actionError: null });
      await get().load();
    },

    async loadSsoProviders() {
      const result = await client.call('session.ssoProviders', {});
      if (result.ok) set({ ssoProviders: result.value.providers });
    },

    async startSso(provider) {
      set({ loginError: null });
      const result = await client.call('session.ssoStart', { tenantId: provider.tenantId });
      if (!result.ok) {
        set({ loginError: result.error.message });
        return null;
      }
      set({ ssoWaiting: provider });
      void waitForSso(client, provider, get, set);
      return result.value.url;
    },

    cancelSso() {
      set({ ssoWaiting: null });
    },

    async finishTwoFactor() {
      const result = await client.call('twoFactor.finish', {});
      if (!result.ok) {
        set({ twoFactorStep: null, loginError: result.error.message });
        return;
      }
      set({ agent: result.value.agent, twoFactorStep: null, status: 'signed-in', actionError: null });
      await get().load();
    },

    async logout() {
      const result = await client.call('session.logout', {});
      if (!result.ok) {
        set({ actionError: result.error.message });
        return;
      }
      get().applyAgent(null);
    },

    async wipeDevice() {
      const result = await client.call('device.wipe', {});
      if (!result.ok) {
        set({ actionError: result.error.message });
        return;
      }
      get().applyAgent(null);
    },

    async logoutEverywhere() {
      const result = await client.call('session.logoutEverywhere', {});
      if (!result.ok) {
        set({ actionError: result.error.message });
        return;
      }
      get().applyAgent(null);
    },

    async setPresence(presence, reason) {
      const result = await client.call('presence.set', reason ? { presence, reason } : { presence });
      if (result.ok) set({ presence: result.value.presence, presenceReason: reason ?? null, actionError: null });
      else set({ actionError: result.error.message });
    },

    applyAgent(agent) {
      if (agent) set({ agent, status: 'signed-in' });
      else set({ agent: null, status: 'signed-out', presence: 'offline', actionError: null, loginError: null, twoFactorStep: null });
    },

    applyPresence(presence, reason = null, until = null) {
      set({ presence, presenceReason: reason, presenceUntil: until });
    },

    applyConnection(connection) {
      set({ connection });
    },

    applyHostLink(up) {
      set({ hostLinked: up });
    },
  }));
}

const SSO_POLL_MS = 1_500;
/** As long as the relay keeps a finished sign-in for its desk. */
const SSO_WAIT_MS = 10 * 60 * 1000;

/** Asks the workstation until the browser's sign-in is done, refused, replaced by another, or too old. */
async function waitForSso(client: ApiClient, provider: SsoProvider, get: () => SessionState, set: (partial: Partial<SessionState>) => void): Promise<void> {
  const until = Date.now() + SSO_WAIT_MS;
  while (get().ssoWaiting === provider && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, SSO_POLL_MS));
    if (get().ssoWaiting !== provider) return;
    const result = await client.call('session.ssoFinish', {});
    if (!result.ok) {
      set({ ssoWaiting: null, loginError: result.error.message });
      return;
    }
    if (result.value.agent) {
      set({ ssoWaiting: null, agent: result.value.agent, status: 'signed-in', actionError: null, loginError: null });
      await get().load();
      return;
    }
  }
  if (get().ssoWaiting === provider) set({ ssoWaiting: null });
}
