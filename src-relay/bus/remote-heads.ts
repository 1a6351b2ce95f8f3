/** Delivers a tenant's events up to `head` from the log to this node's sockets. */
export type RemoteHeadHandler = (tenantId: string, head: number) => void | Promise<void>;

interface TenantHeads {
  /** Everything up to here is delivered (noted by the relay, or a handler call that succeeded). */
  covered: number;
  /** The highest head heard of (poke or poll); above `covered` while a delivery is due. */
  wanted: number;
  running: boolean;
}

/**
 * For each tenant, what this node has fanned out and what other nodes say the head is. Pokes
 * and polls may report heads late, twice or out of order: only a head above everything covered
 * or already asked for reaches the handler, calls for one tenant never overlap, and heads that
 * arrive while a call runs are merged into one call for the highest of them.
 */
export class RemoteHeads {
  private readonly tenants = new Map<string, TenantHeads>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deliver: RemoteHeadHandler,
    private readonly reportError: (error: unknown) => void,
  ) {}

  /** A head reported by another node; true if it was news (it is, or will be, delivered). */
  offer(tenantId: string, head: number): boolean {
    const tenant = this.tenantOf(tenantId);
    if (head <= Math.max(tenant.covered, tenant.wanted)) return false;
    tenant.wanted = head;
    if (!tenant.running) this.track(this.catchUp(tenantId, tenant));
    return true;
  }

  /** The relay delivered everything up to `head` (its own commits, or a handler call). */
  noteFannedOut(tenantId: string, head: number): void {
    const tenant = this.tenantOf(tenantId);
    tenant.covered = Math.max(tenant.covered, head);
  }

  covered(tenantId: string): number {
    return this.tenants.get(tenantId)?.covered ?? 0;
  }

  /** Resolves when no handler call is running (for a graceful close). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async catchUp(tenantId: string, tenant: TenantHeads): Promise<void> {
    tenant.running = true;
    try {
      while (tenant.wanted > tenant.covered) {
        const head = tenant.wanted;
        await this.deliver(tenantId, head);
        tenant.covered = Math.max(tenant.covered, head);
      }
    } catch (error) {
      // Forget what was asked for, so that the next poll (or poke) for this head tries again.
      tenant.wanted = tenant.covered;
      this.reportError(error);
    } finally {
      tenant.running = false;
    }
  }

  private track(call: Promise<void>): void {
    this.running.add(call);
    void call.finally(() => this.running.delete(call));
  }

  private tenantOf(tenantId: string): TenantHeads {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = { covered: 0, wanted: 0, running: false };
      this.tenants.set(tenantId, tenant);
    }
    return tenant;
  }
}
