import type { Leases } from '../../src-relay/storage/port/leases.js';

/**
 * Leases as a shared table, standing in for PostgreSQL's advisory locks where the nodes share an
 * SQLite file: one holder per (purpose, tenant), free again when the holder releases or closes.
 * Every try is recorded, with its answer.
 */
export class LeaseTable {
  private readonly holders = new Map<string, string>();
  readonly tries: { node: string; purpose: string; tenantId: string; held: boolean }[] = [];

  holder(purpose: string, tenantId: string): string | undefined {
    return this.holders.get(JSON.stringify([purpose, tenantId]));
  }

  node(name: string): Leases {
    const key = (purpose: string, tenantId: string) => JSON.stringify([purpose, tenantId]);
    return {
      acquire: async (purpose, tenantId) => {
        const lease = key(purpose, tenantId);
        if (!this.holders.has(lease)) this.holders.set(lease, name);
        const held = this.holders.get(lease) === name;
        this.tries.push({ node: name, purpose, tenantId, held });
        return held;
      },
      release: async (purpose, tenantId) => {
        if (this.holders.get(key(purpose, tenantId)) === name) this.holders.delete(key(purpose, tenantId));
      },
      held: (purpose, tenantId) => this.holders.get(key(purpose, tenantId)) === name,
      close: async () => {
        for (const [lease, holder] of this.holders) if (holder === name) this.holders.delete(lease);
      },
    };
  }
}
