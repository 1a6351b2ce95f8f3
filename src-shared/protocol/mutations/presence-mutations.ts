import { z } from 'zod';
import { AwayReason, Id, SettablePresence } from '../../domain/model.js';

/** The agent chooses their own presence. */
export const PresenceSet = z.object({
  kind: z.literal('presence.set'),
  presence: SettablePresence,
  /** Why away; ignored for other states. */
  reason: AwayReason.optional(),
});
/** A supervisor (of one of the agent's teams) or an admin sets an agent's presence, say away when they left without saying. */
export const AgentSetPresence = z.object({
  kind: z.literal('agent.setPresence'),
  agentId: Id,
  presence: SettablePresence,
  reason: AwayReason.optional(),
});

export const PRESENCE_MUTATIONS = [PresenceSet, AgentSetPresence] as const;
export type PresenceMutationKind = z.infer<(typeof PRESENCE_MUTATIONS)[number]>['kind'];
