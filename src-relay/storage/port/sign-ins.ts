import type { Role } from '../../../src-shared/domain/model.js';

/** Refused sign-ins counted under one key (docs/privacy.md, "Sign-in"). */
export interface SignInFailures {
  key: string;
  failures: number;
  lastFailedAt: number;
}

/** An account's TOTP: the secret sealed with the relay's secrets key, never returned after enrolment. */
export interface TwoFactorRecord {
  secretSealed: string;
  /** Null while the enrolment waits for its first code. */
  confirmedAt: number | null;
  /** The last TOTP time step accepted: a code of that step or before is refused (replay). */
  lastStep: number;
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

  twoFactorOf(agentId: string): Promise<TwoFactorRecord | null>;
  /** Starts an enrolment, replacing one not yet confirmed; false (nothing changed) when one is confirmed. */
  beginTwoFactor(agentId: string, secretSealed: string): Promise<boolean>;
  /** Confirms the enrolment with the step of its first code and stores the recovery codes' hashes; false when there was none to confirm. */
  confirmTwoFactor(agentId: string, step: number, at: number, recoveryCodeHashes: readonly string[]): Promise<boolean>;
  /** Takes a time step for a sign-in, atomically: false when it (or a later one) was used already. */
  useTimeStep(agentId: string, step: number): Promise<boolean>;
  /** Spends a recovery code, atomically: false when unknown or spent. */
  useRecoveryCode(agentId: string, codeHash: string, at: number): Promise<boolean>;
  /** Turns two-factor sign-in off for the account: secret and recovery codes go. */
  removeTwoFactor(agentId: string): Promise<void>;
  adminsNeedTwoFactor(tenantId: string): Promise<boolean>;
  setAdminsNeedTwoFactor(tenantId: string, need: boolean): Promise<void>;
  /** When the account was disabled; null while it may sign in. */
  disabledAt(agentId: string): Promise<number | null>;
  setDisabled(agentId: string, at: number | null): Promise<void>;
  setRole(agentId: string, role: Role): Promise<void>;
  /** Of these tokens, those still valid for everything, with their account's role now (open connections are checked against it). */
  liveTokens(tokenHashes: readonly string[], now: number): Promise<LiveToken[]>;
}

export interface LiveToken {
  tokenHash: string;
  role: Role;
}
