/** A company's OpenID Connect provider, as the administrator set it; the client secret stays sealed. */
export interface SsoConfigRecord {
  tenantId: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string;
  displayName: string;
  updatedAt: number;
}

/** A started sign-in (state, nonce, PKCE verifier) or a finished one waiting for its desk. */
export type SsoPendingKind = 'authorization' | 'handoff';

export interface SsoPendingRecord {
  tenantId: string;
  sealed: string;
}

/** Single sign-on (auth/single-sign-on.ts): each company's provider, and sign-ins in flight, shared by every node. */
export interface SingleSignOnRepository {
  configOf(tenantId: string): Promise<SsoConfigRecord | null>;
  listConfigs(): Promise<SsoConfigRecord[]>;
  saveConfig(config: SsoConfigRecord): Promise<void>;
  removeConfig(tenantId: string): Promise<void>;
  putPending(keyHash: string, kind: SsoPendingKind, record: SsoPendingRecord, expiresAt: number): Promise<void>;
  /** Takes the entry atomically, once: null when unknown, of another kind, already taken or expired at `now`. */
  takePending(keyHash: string, kind: SsoPendingKind, now: number): Promise<SsoPendingRecord | null>;
  prunePending(now: number): Promise<void>;
}
