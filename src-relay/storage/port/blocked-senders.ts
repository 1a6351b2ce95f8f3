import type { BlockedSender } from '../../../src-shared/domain/blocked-senders.js';

/** The senders and domains whose mail a tenant's administrators refuse. */
export interface BlockedSendersRepository {
  /** In the order they were blocked. */
  list(tenantId: string): Promise<BlockedSender[]>;
  /** False, changing nothing, when the value is blocked already. */
  block(tenantId: string, entry: BlockedSender): Promise<boolean>;
  /** False when the value was not blocked. */
  unblock(tenantId: string, value: string): Promise<boolean>;
}
