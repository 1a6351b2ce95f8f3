import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { Guards } from './guards.js';
import type { Session } from './session-service.js';

/** Deletes the cache, its file copies and its key once the workstation has closed; the host's to do. */
export type WipeDevice = () => Promise<void>;

/**
 * "Sign out and wipe this device". The sign-out comes first, with its refusal while replies wait
 * for the relay (wiping would strand them); the host wipes after this answer has left.
 */
export function deviceHandlers(session: Session, guards: Guards, wipe: WipeDevice | null, log: (message: string, error?: unknown) => void): NamespaceHandlers<'device'> {
  return {
    'device.wipe': async () => {
      guards.requireOpen();
      if (!wipe) throw new ApiFailure('unavailable', 'This workstation cannot wipe its device.');
      await session.logout();
      setImmediate(() => wipe().catch((error: unknown) => log('wiping the device failed', error)));
      return {};
    },
  };
}
