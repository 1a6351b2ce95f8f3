import { Empty } from './method-shapes.js';

/** This computer's copy of the agent's work: the encrypted cache, its file copies and its key. */
export const deviceMethods = {
  /**
   * "Sign out and wipe this device": signs out (refused, like signing out, while replies wait for
   * the relay), then the host deletes the cache, the attachment copies and the key, and restarts.
   */
  'device.wipe': { input: Empty, output: Empty },
} as const;
