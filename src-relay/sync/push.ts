import type { Agent } from '../../src-shared/domain/model.js';
import type { Rejection } from '../../src-shared/protocol/sync.js';
import type { RelayCore } from '../relay-core.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';
import type { PushItem } from './frames.js';
import { ruleOf } from './mutation-rules.js';

export interface PushOutcome {
  lastMutationId: number;
  rejections: Rejection[];
  /** The agent's chosen presence (state, reason, end) before and after, to tell others and drain the queue. */
  presenceBefore: string;
  presenceAfter: string;
  /** Other agents whose presence a supervisor set in this push: everyone must hear of it. */
  presenceSetFor: string[];
}

/**
 * Applies a client's mutations in one transaction, each by its kind's rule (./mutation-rules.ts)
 * and each id once: ids at or below the stored last id were applied before and are skipped. A
 * refused mutation still counts as handled, so it never blocks the client's outbox; its refusal
 * goes back in the ack.
 */
export function applyPush(core: RelayCore, agent: Agent, clientId: string, items: readonly PushItem[]): Promise<PushOutcome> {
  return core.commit(agent.tenantId, async (changes) => {
    const presenceBefore = await chosenPresence(changes.store, agent);
    let last = await changes.store.clients.lastMutationId(clientId, agent.id);
    const rejections: Rejection[] = [];
    const presenceSetFor: string[] = [];
    const context = { core, changes, agent, presenceSetFor };
    for (const item of items) {
      if (item.mutationId <= last) continue;
      last = item.mutationId;
      const refusal = item.body ? await ruleOf(item.body.kind)(context, item.body) : { code: 'invalid' as const, message: item.problem.slice(0, 1000) };
      if (refusal) rejections.push({ mutationId: item.mutationId, ...refusal });
    }
    await changes.store.clients.saveLastMutationId(clientId, agent.id, last, changes.at);
    return { lastMutationId: last, rejections, presenceBefore, presenceAfter: await chosenPresence(changes.store, agent), presenceSetFor };
  });
}

async function chosenPresence(store: RelayRepositories, agent: Agent): Promise<string> {
  const account = await store.accounts.findAgent(agent.id);
  if (!account) throw new Error(`agent ${agent.id} disappeared while signed in`);
  return `${account.chosenPresence}|${account.presenceReason ?? ''}|${account.presenceUntil ?? ''}`;
}
