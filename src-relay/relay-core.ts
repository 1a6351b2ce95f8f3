import { createInProcessBus, type LogBus } from './bus/log-bus.js';
import { randomBytes } from 'node:crypto';
import { PasswordLane } from './auth/password-lane.js';
import { CredentialBox } from './channels/credential-box.js';
import { createCommit, type Commit } from './log/change-set.js';
import { ConnectedAgents, type DeskPresence } from './presence/connected-agents.js';
import { MaskingPolicies } from './privacy/masking-policies.js';
import { HolidayCalendars } from './routing/holidays.js';
import type { Leases } from './storage/port/leases.js';
import type { RelayStorage } from './storage/port/relay-storage.js';

/**
 * What every part of the relay works with: one storage, one bus, one clock. It depends on no
 * domain rule, so every rule may depend on it.
 */
export interface RelayCore {
  /** For reads and writes outside any commit; inside one, use the commit's `changes.store`. */
  store: RelayStorage;
  bus: LogBus;
  /** Which tenants' timers this node runs now (all of them on a single node). */
  leases: Leases;
  /** Who has a sync connection open now (in a cluster, on any node). */
  connected: DeskPresence;
  commit: Commit;
  now: () => number;
  tokenTtlMs: number;
  /** Password checks, a few at a time and fair between addresses (auth/password-lane.ts). */
  passwordLane: PasswordLane;
  /** Seals secrets at rest (channel credentials, TOTP secrets) with the relay's secrets key. */
  secrets: CredentialBox;
  /** Public holidays per market, for team hours and SLA clocks. */
  holidays: HolidayCalendars;
  /** Each company's masking policy, at hand for every frame sync sends (privacy/masking-policies.ts). */
  maskingPolicies: MaskingPolicies;
  /** For failures that are the relay's fault; the client only hears that something went wrong. */
  reportError(where: string, error: unknown): void;
}

export interface RelayCoreOptions {
  now: () => number;
  tokenTtlMs: number;
  reportError(where: string, error: unknown): void;
  /** A cluster node's bus (bus/cluster-bus.ts); by default the in-process bus of a single relay. */
  bus?: LogBus;
  /** By default the storage's own: shared by the nodes on PostgreSQL, always held on SQLite. */
  leases?: Leases;
  /** A cluster node's view of every node's desks (presence/cluster-presence.ts); by default this node's. */
  connected?: DeskPresence;
  /** The relay's secrets key (channels/credential-box.ts); by default a key of this process, for tests and in-memory relays. */
  secrets?: CredentialBox;
}

export function createRelayCore(store: RelayStorage, options: RelayCoreOptions): RelayCore {
  const bus = options.bus ?? createInProcessBus((error) => options.reportError('bus listener', error));
  return {
    ...options,
    store,
    bus,
    leases: options.leases ?? store.leases,
    connected: options.connected ?? new ConnectedAgents(),
    commit: createCommit(store, bus, options.now),
    holidays: new HolidayCalendars(),
    maskingPolicies: new MaskingPolicies(store.accounts, options.now, options.reportError),
    passwordLane: new PasswordLane(),
    secrets: options.secrets ?? CredentialBox.withKey(randomBytes(32)),
  };
}
