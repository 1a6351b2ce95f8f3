import type { Cache } from '../../store/cache.js';
import type { SyncClient } from '../../sync/sync-client.js';
import type { ApiEvents } from '../api-events.js';
import type { Guards } from './guards.js';

/** What the root builds once and hands to the services: each takes the parts it needs. */
export interface CoreParts {
  cache: Cache;
  sync: SyncClient;
  events: ApiEvents;
  guards: Guards;
  /** e.g. 'http://127.0.0.1:8787', for the relay's HTTP APIs. */
  relayUrl: string;
  log: (message: string, error?: unknown) => void;
}
