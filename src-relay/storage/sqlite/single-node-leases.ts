import type { Leases } from '../port/leases.js';

/**
 * Leases for a relay that runs alone (embedded SQLite): there is no other node to share the
 * timers with, so this node always holds every lease.
 */
export function singleNodeLeases(): Leases {
  return {
    acquire: async () => true,
    release: async () => undefined,
    held: () => true,
    close: async () => undefined,
  };
}
