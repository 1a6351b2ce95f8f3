import { z } from 'zod';
import { AwayReason, Id, SettablePresence } from '../domain/model.js';
import { Empty } from './method-shapes.js';

export const agentsMethods = {
  /** Supervisors and admins: set a colleague's presence (of their teams). */
  'agents.setPresence': { input: z.object({ agentId: Id, presence: SettablePresence, reason: AwayReason.optional() }).strict(), output: Empty },
} as const;
