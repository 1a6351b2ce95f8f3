import type { AwayReason, SettablePresence } from '../../../src-shared/domain/model.js';
import type { PresenceMutationKind } from '../../../src-shared/protocol/mutations/presence-mutations.js';
import type { Cache } from '../../store/cache.js';
import type { ClientMutations } from './client-mutation.js';
import { ignoredWhenRefused } from './refusal-notices.js';

/** The agent's own presence, remembered here (with why away) and queued for the relay in one transaction. */
export function recordPresence(cache: Cache, presence: SettablePresence, reason: AwayReason | null, now: number): void {
  cache.transaction(() => {
    cache.session.setPresence(presence, reason);
    cache.outbox.enqueue({ kind: 'presence.set', presence, ...(presence === 'away' && reason ? { reason } : {}) }, now);
  });
}

/** A supervisor sets a colleague's presence; every desk hears of it from the relay. */
export function recordAgentPresence(cache: Cache, change: { agentId: string; presence: SettablePresence; reason?: AwayReason | undefined }, now: number): void {
  cache.outbox.enqueue({ kind: 'agent.setPresence', agentId: change.agentId, presence: change.presence, ...(change.reason ? { reason: change.reason } : {}) }, now);
}

export const presenceMutations: ClientMutations<PresenceMutationKind> = {
  'presence.set': { refused: ignoredWhenRefused },
  'agent.setPresence': { refused: ignoredWhenRefused },
};
