/**
 * Who runs a tenant's timers (offers, after-call work, queue draining, SLA checks, log pruning):
 * one node at a time across the cluster, and another when that node dies. Every node's timer
 * calls `acquire` on each tick and does the work only when it answers true; the holder keeps
 * answering true, the others false, until the holder releases the lease or dies, and then the
 * next node to try takes it.
 *
 * A lease makes the work run on one node in the normal case; it is not what keeps the work
 * correct. Between a holder losing its database session and noticing, two nodes may both run
 * one tick, so the work itself commits through transactions that re-check what they change.
 */
export interface Leases {
  /**
   * Takes the lease if it is free, keeps it if this node holds it; true while this node holds it.
   * Rejects when the database cannot be reached, and the node then holds no lease.
   */
  acquire(purpose: string, tenantId: string): Promise<boolean>;
  /** Gives the lease up, so another node's next try takes it. */
  release(purpose: string, tenantId: string): Promise<void>;
  /** Whether this node holds the lease, as far as it knows now, without asking the database. */
  held(purpose: string, tenantId: string): boolean;
  /** Gives every lease up (the node stops). */
  close(): Promise<void>;
}
