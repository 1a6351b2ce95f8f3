import { AFTER_CALL_WORK_MS, type AwayReason, type SettablePresence } from '../../src-shared/domain/model.js';
import type { MutationOf } from '../../src-shared/protocol/mutations/index.js';
import type { PresenceMutationKind } from '../../src-shared/protocol/mutations/presence-mutations.js';
import type { Refusal, RelayRules, RuleContext } from '../relay-rule.js';

/**
 * An agent's chosen presence. Who else hears of it, and whether it hands out the queue, is the
 * sync socket's business once the push is committed (src-relay/sync/sync-session.ts).
 */

async function setOwnPresence({ changes, agent }: RuleContext, mutation: MutationOf<'presence.set'>): Promise<Refusal | null> {
  await changes.store.accounts.setChosenPresence(agent.id, mutation.presence, presenceDetail(mutation, changes.at));
  return null;
}

async function setAgentPresence({ changes, agent: supervisor, presenceSetFor }: RuleContext, mutation: MutationOf<'agent.setPresence'>): Promise<Refusal | null> {
  if (supervisor.role === 'agent') return { code: 'forbidden', message: "Only supervisors and administrators change a colleague's presence." };
  const target = (await changes.store.accounts.findAgent(mutation.agentId))?.agent;
  if (!target || target.tenantId !== supervisor.tenantId) return { code: 'not_found', message: 'There is no such colleague.' };
  if (supervisor.role === 'supervisor' && !target.teamIds.some((id) => supervisor.teamIds.includes(id))) {
    return { code: 'forbidden', message: 'This colleague is not in one of your teams.' };
  }
  await changes.store.accounts.setChosenPresence(target.id, mutation.presence, presenceDetail(mutation, changes.at));
  if (target.id !== supervisor.id) presenceSetFor.push(target.id);
  return null;
}

/** Away keeps its reason; after-call work ends by itself (the hub's timer makes the agent available again). */
function presenceDetail(set: { presence: SettablePresence; reason?: AwayReason }, at: number): { reason: AwayReason | null; until: number | null } {
  return { reason: set.reason ?? null, until: set.presence === 'after-call-work' ? at + AFTER_CALL_WORK_MS : null };
}

/** The relay's rule for every presence mutation (src-shared/protocol/mutations/presence-mutations.ts). */
export const presenceRules: RelayRules<PresenceMutationKind> = {
  'presence.set': setOwnPresence,
  'agent.setPresence': setAgentPresence,
};
