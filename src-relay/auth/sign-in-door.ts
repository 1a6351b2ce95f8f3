import type { RelayCore } from '../relay-core.js';
import type { AgentAccount } from '../storage/port/accounts.js';
import type { SignInFailures } from '../storage/port/sign-ins.js';
import { THROTTLE_QUIET_MS, THROTTLE_RULES, throttleKey, waitMs } from './throttle-policy.js';

/** Where refusals for emails that no account has are counted: no company's door. */
const NO_TENANT = '';
/** A request without a socket address (a call from inside the relay) is counted as one address. */
const NO_ADDRESS = 'unknown';

/** One account's door for this attempt: its counters, and whether this address signed in to it before. */
interface Door {
  tenantId: string;
  accountKey: string;
  account: AgentAccount | null;
  known: boolean;
}

export type DoorVerdict =
  | { open: true; accounts: AgentAccount[]; known: boolean }
  | { open: false; retryAfterMs: number };

/**
 * The throttle in front of the password check (throttle-policy.ts): counters read and written in
 * the relay's storage, so every node of a cluster sees the same ones. An email no account has
 * is counted exactly like one that exists, so the throttle does not tell which emails exist.
 */
export class SignInDoor {
  readonly address: string;
  private readonly doors: Door[];

  constructor(
    private readonly core: RelayCore,
    email: string,
    address: string | null,
    accounts: readonly AgentAccount[],
  ) {
    this.address = address ?? NO_ADDRESS;
    this.doors = accounts.length > 0
      ? accounts.map((account) => ({ tenantId: account.agent.tenantId, accountKey: account.agent.id, account, known: false }))
      : [{ tenantId: NO_TENANT, accountKey: `email:${email.trim().toLowerCase()}`, account: null, known: false }];
  }

  /** Reads the counters now: which accounts may be tried, or how long until one may. */
  async verdict(): Promise<DoorVerdict> {
    const now = this.core.now();
    const open: AgentAccount[] = [];
    let known = false;
    let retryAfterMs = Infinity;
    for (const door of this.doors) {
      door.known = door.account ? await this.core.store.signIns.isKnownAddress(door.account.agent.id, this.address) : false;
      const wait = await this.waitAt(door, now);
      if (wait > 0) retryAfterMs = Math.min(retryAfterMs, wait);
      else {
        if (door.account) open.push(door.account);
        known ||= door.known;
      }
    }
    const nobodyOpen = this.doors[0]?.account === null && retryAfterMs === Infinity;
    return open.length > 0 || nobodyOpen ? { open: true, accounts: open, known } : { open: false, retryAfterMs };
  }

  /** Counts the refusal at every door that was tried. */
  async refused(tried: readonly AgentAccount[]): Promise<void> {
    const now = this.core.now();
    const restartBefore = now - THROTTLE_QUIET_MS;
    const doors = this.doors.filter((door) => !door.account || tried.includes(door.account));
    for (const door of doors) {
      for (const key of this.keysOf(door)) await this.core.store.signIns.recordFailure(door.tenantId, key, now, restartBefore);
    }
  }

  /** The account's own counter for this address starts again, and the address becomes known. */
  async admitted(account: AgentAccount): Promise<void> {
    const now = this.core.now();
    const { signIns } = this.core.store;
    await signIns.clearFailures(account.agent.tenantId, throttleKey('pair', account.agent.id, this.address));
    await signIns.rememberAddress(account.agent.id, this.address, now);
    await signIns.pruneFailures(now - THROTTLE_QUIET_MS);
  }

  private async waitAt(door: Door, now: number): Promise<number> {
    const [pair, account, address] = this.keysOf(door);
    const counters = new Map<string, SignInFailures>();
    for (const counter of await this.core.store.signIns.failuresOf(door.tenantId, [pair, account, address])) counters.set(counter.key, counter);
    const strict = waitMs(THROTTLE_RULES.pair, counters.get(pair), now);
    // The real user's known address skips the loose counters an attacker elsewhere can fill.
    if (door.known) return strict;
    return Math.max(strict, waitMs(THROTTLE_RULES.account, counters.get(account), now), waitMs(THROTTLE_RULES.address, counters.get(address), now));
  }

  private keysOf(door: Door): [string, string, string] {
    return [throttleKey('pair', door.accountKey, this.address), throttleKey('account', door.accountKey), throttleKey('address', this.address)];
  }
}
