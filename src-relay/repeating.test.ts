import { describe, expect, it } from 'vitest';
import type { Leases } from './storage/port/leases.js';
import { forLeasedTenants } from './repeating.js';

function leasesHolding(held: Set<string>, tries: string[]): Leases {
  return {
    acquire: async (purpose, tenantId) => {
      tries.push(`${purpose}/${tenantId}`);
      return held.has(tenantId);
    },
    release: async () => undefined,
    held: (_purpose, tenantId) => held.has(tenantId),
    close: async () => undefined,
  };
}

describe('forLeasedTenants', () => {
  it("runs each tenant's work only where its lease is held, asking for every tenant's on every run", async () => {
    const held = new Set(['acme']);
    const tries: string[] = [];
    const ran: string[] = [];
    const host = {
      store: { accounts: { listTenants: async () => [{ id: 'acme', name: 'Acme' }, { id: 'globex', name: 'Globex' }] } },
      leases: leasesHolding(held, tries),
      reportError: () => undefined,
    };
    await forLeasedTenants(host, 'queue draining', async (tenantId) => void ran.push(tenantId));
    held.add('globex');
    held.delete('acme');
    await forLeasedTenants(host, 'queue draining', async (tenantId) => void ran.push(tenantId));
    expect(ran).toEqual(['acme', 'globex']);
    expect(tries).toEqual(['queue draining/acme', 'queue draining/globex', 'queue draining/acme', 'queue draining/globex']);
  });
});
