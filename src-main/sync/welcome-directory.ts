import type { RelayFrame } from '../../src-shared/protocol/sync.js';
import type { SessionStore } from '../store/session-store.js';

type Welcome = Extract<RelayFrame, { type: 'welcome' }>;

/**
 * Takes in the directory a welcome carries. A welcome without one, but naming the version this
 * cache holds, means the copy here is current: it stays. A relay that predates versions and
 * directories sends neither, and the directory is emptied as it always was.
 */
export function takeDirectory(session: SessionStore, { directoryVersion, colleagues, teams }: Welcome): void {
  if (colleagues !== undefined || teams !== undefined) {
    session.setDirectory({ colleagues: colleagues ?? [], teams: teams ?? [], version: directoryVersion ?? null });
  } else if (directoryVersion === undefined) {
    session.setDirectory({ colleagues: [], teams: [], version: null });
  }
  // Otherwise the relay judged the held copy current. Were the versions to differ, the copy and
  // its own version stay together, and the next hello asks again.
}
