import type { Role } from '../../src-shared/domain/model.js';
import { DEFAULT_MASKING_POLICY, maskedKindsFor, type MaskingPolicy } from '../../src-shared/privacy/masking-policy.js';
import type { AccountsRepository } from '../storage/port/accounts.js';
import { deskMasking, type DeskMasking } from './desk-masking.js';

/** How long a node trusts its copy of a policy another node may have changed. */
const REFRESH_MS = 5_000;

interface Cached {
  policy: MaskingPolicy;
  readAt: number;
  masking: Map<Role, DeskMasking>;
}

/**
 * Each company's masking policy, as sync reads it for every frame it sends. A live event goes
 * out synchronously, so the policy must be at hand: it is read when a desk says hello or pulls,
 * set at once when an administrator changes it on this node, and read again in the background
 * when older than a few seconds (another node may have changed it).
 */
export class MaskingPolicies {
  private readonly cache = new Map<string, Cached>();
  private readonly reading = new Map<string, Promise<MaskingPolicy>>();

  constructor(
    private readonly accounts: Pick<AccountsRepository, 'maskingPolicy'>,
    private readonly now: () => number,
    private readonly reportError: (where: string, error: unknown) => void,
    private readonly refreshMs = REFRESH_MS,
  ) {}

  /** The policy as stored (the default when none was chosen). */
  async load(tenantId: string): Promise<MaskingPolicy> {
    const cached = this.cache.get(tenantId);
    if (cached && this.now() - cached.readAt < this.refreshMs) return cached.policy;
    let reading = this.reading.get(tenantId);
    if (!reading) {
      reading = this.accounts.maskingPolicy(tenantId).then((stored) => {
        this.remember(tenantId, stored ?? DEFAULT_MASKING_POLICY);
        return stored ?? DEFAULT_MASKING_POLICY;
      });
      this.reading.set(tenantId, reading);
      void reading.finally(() => this.reading.delete(tenantId)).catch(() => undefined);
    }
    return reading;
  }

  /** After an administrator's change committed on this node. */
  remember(tenantId: string, policy: MaskingPolicy): void {
    this.cache.set(tenantId, { policy, readAt: this.now(), masking: new Map() });
  }

  /** What a desk of this role receives masked now; a copy too old is read again for the next call. */
  maskingFor(tenantId: string, role: Role): DeskMasking {
    const cached = this.cache.get(tenantId);
    if (!cached || this.now() - cached.readAt >= this.refreshMs) {
      this.load(tenantId).catch((error: unknown) => this.reportError('masking policy', error));
    }
    // Never read yet (load is called at hello, so only in a race): the default, which masks cards.
    const entry = cached ?? { policy: DEFAULT_MASKING_POLICY, readAt: 0, masking: new Map<Role, DeskMasking>() };
    let masking = entry.masking.get(role);
    if (!masking) {
      masking = deskMasking(maskedKindsFor(entry.policy, role));
      entry.masking.set(role, masking);
    }
    return masking;
  }
}
