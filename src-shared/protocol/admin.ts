import { z } from 'zod';
import { Id, TeamSchedule } from '../domain/model.js';
import { RoutingProfile } from '../domain/routing-score.js';
import { SlaPolicy } from '../domain/sla.js';

/** POST /api/admin/erasures, by an administrator: erase everything about one customer. */
export const ErasureRequest = z.object({ customerId: Id }).strict();
export type ErasureRequest = z.infer<typeof ErasureRequest>;

export const ErasureResponse = z.object({
  customerId: Id,
  conversationIds: z.array(Id),
  messages: z.number().int().nonnegative(),
});
export type ErasureResponse = z.infer<typeof ErasureResponse>;

/** PUT /api/admin/teams/:teamId/schedule: the team's hours (null: always there) and overflow team. Applies to the next decision. */
export const TeamScheduleUpdate = z.object({ schedule: TeamSchedule.nullable(), overflowTeamId: Id.nullable() }).strict();
export type TeamScheduleUpdate = z.infer<typeof TeamScheduleUpdate>;

/** PUT /api/admin/agents/:agentId/routing: languages, skills, capacity, translation. */
export const AgentRoutingUpdate = RoutingProfile.strict();

/** PUT /api/admin/sla-policies: the tenant's policies, in the order they are tried. */
export const SlaPoliciesUpdate = z.object({ policies: z.array(SlaPolicy).max(100) }).strict();

/** PUT /api/admin/routing-settings: seconds an agent has to accept an offer; null assigns conversations at once. */
export const RoutingSettingsUpdate = z.object({ offerTimeoutSeconds: z.number().int().min(5).max(600).nullable() }).strict();
