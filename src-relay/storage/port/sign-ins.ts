/** Refused sign-ins counted under one key (docs/privacy.md, "Sign-in"). */
export interface SignInFailures {
  key: string;
  failures: number;
  lastFailedAt: number;
}

/**
 * What the sign-in door remembers, shared by every node: refused sign-ins counted per tenant and
 * key, and the addresses each account signed in from. Tenant '' holds emails no account has.
 */
export interface SignInsRepository {
  /** The counters of these keys that exist, in no particular order. */
  failuresOf(tenantId: string, keys: readonly string[]): Promise<SignInFailures[]>;
  /**
   * Counts one more failure, atomically (two nodes counting at once both count); a counter whose
   * last failure is older than `restartBefore` starts again at 1. Returns the new count.
   */
  recordFailure(tenantId: string, key: string, at: number, restartBefore: number): Promise<number>;
  clearFailures(tenantId: string, key: string): Promise<void>;
  /** Counters whose last failure is older than `before` are forgotten. */
  pruneFailures(before: number): Promise<void>;
  rememberAddress(agentId: string, address: string, at: number): Promise<void>;
  isKnownAddress(agentId: string, address: string): Promise<boolean>;
}
