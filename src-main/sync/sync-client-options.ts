import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';
import type { RelayFrame } from '../../src-shared/protocol/sync.js';
import type { RelayCallFrame } from '../../src-shared/protocol/voice.js';
import type { Cache } from '../store/cache.js';
import type { BackoffPolicy } from './backoff.js';
import type { EmitApiEvent } from './change-set.js';
import { APPLY_SLICE, type ApplySlice } from './apply-events.js';
import { RESOLVE_UNDO_MS } from './resolution-hold.js';

/** How the sync client times its connection and its outbox; tests shorten these. */
export interface SyncTiming {
  backoff: BackoffPolicy;
  pingIntervalMs: number;
  handshakeTimeoutMs: number;
  /** Draws the jitter; tests pass a fixed value. */
  random: () => number;
  /** How long a resolution waits in the outbox, to be taken back (./resolution-hold.ts). */
  resolveUndoMs: number;
  /** How much of an events frame one cache transaction takes (./apply-events.ts). */
  applySlice: ApplySlice;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  backoff: { baseMs: 500, capMs: 10_000 },
  pingIntervalMs: 10_000,
  handshakeTimeoutMs: 10_000,
  random: Math.random,
  resolveUndoMs: RESOLVE_UNDO_MS,
  applySlice: APPLY_SLICE,
};

export interface SyncClientOptions {
  relayUrl: string;
  cache: Cache;
  emit: EmitApiEvent;
  log: (message: string, error?: unknown) => void;
  /** The relay refused the stored token; sync has stopped for good until the next sign-in. */
  onSessionExpired: (reason: string) => void;
  /** The relay reported the signed-in agent's presence. */
  onOwnPresence: (presence: Extract<RelayFrame, { type: 'presence' }>) => void;
  /** A web call rings, negotiates or ends; best effort, never in the cache. */
  onCallFrame?: (frame: RelayCallFrame) => void;
  /** What the installed models can translate, told to the relay for routing; none when absent. */
  translationRoutes?: () => TranslationRoute[];
  timing?: Partial<SyncTiming>;
}
