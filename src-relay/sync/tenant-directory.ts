import { createHash } from 'node:crypto';
import type { Colleague, TeamName } from '../../src-shared/domain/model.js';
import type { RelayStorage } from '../storage/port/relay-storage.js';

/** What a welcome tells a desk about its tenant: everyone, the teams, and a name for that content. */
export interface TenantDirectory {
  version: string;
  colleagues: Colleague[];
  teams: TeamName[];
}

/** Reads the directory as a welcome sends it; the version is a hash of exactly that. */
export async function readTenantDirectory(store: RelayStorage, tenantId: string): Promise<TenantDirectory> {
  const colleagues = (await store.accounts.listTenantAgents(tenantId)).map(({ agent }) => ({ id: agent.id, name: agent.name, role: agent.role, teamIds: agent.teamIds }));
  const teams = (await store.accounts.listTeams(tenantId)).map(({ id, name }) => ({ id, name }));
  return { version: directoryVersion(tenantId, colleagues, teams), colleagues, teams };
}

/**
 * A content hash rather than a counter: every node computes the same version from the same rows,
 * with nothing to coordinate, and any change to a name, role or team shows. The tenant is hashed
 * in so a desk that moves to another company never keeps the old one's directory.
 */
export function directoryVersion(tenantId: string, colleagues: readonly Colleague[], teams: readonly TeamName[]): string {
  return createHash('sha256').update(JSON.stringify([tenantId, colleagues, teams])).digest('base64url').slice(0, 32);
}

/**
 * Shares directory reads among the hellos of a sign-in storm. A hello joins only a read that
 * starts after it arrived, so it never gets a directory older than its own arrival (a change
 * committed on any node before then shows) and needs no invalidation; meanwhile a thousand
 * hellos for one tenant cost a couple of reads, not a thousand.
 */
export class TenantDirectories {
  private readonly pending = new Map<string, { reading: Promise<TenantDirectory>; waiting: Promise<TenantDirectory> | null }>();

  constructor(private readonly read: (tenantId: string) => Promise<TenantDirectory>) {}

  current(tenantId: string): Promise<TenantDirectory> {
    const state = this.pending.get(tenantId);
    if (!state) return this.startRead(tenantId);
    state.waiting ??= state.reading.then(noop, noop).then(() => this.startRead(tenantId));
    return state.waiting;
  }

  private startRead(tenantId: string): Promise<TenantDirectory> {
    const reading = this.read(tenantId);
    this.pending.set(tenantId, { reading, waiting: null });
    const settled = (): void => {
      if (this.pending.get(tenantId)?.reading === reading) this.pending.delete(tenantId);
    };
    reading.then(settled, settled);
    return reading;
  }
}

function noop(): void {}
