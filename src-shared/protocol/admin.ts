import { z } from 'zod';
import { BlockedSender } from '../domain/blocked-senders.js';
import { Agent, Id, LanguageTag, Role, Team, TeamSchedule } from '../domain/model.js';
import { RoutingProfile } from '../domain/routing-score.js';
import { RetentionPolicy } from '../domain/retention.js';
import { SlaPolicy } from '../domain/sla.js';
import { MaskingPolicy } from '../privacy/masking-policy.js';
import { PinnedModelSet } from './model-set.js';

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

/** PUT /api/admin/retention: how long closed conversations are kept; null keeps them until erased. */
export const RetentionUpdate = z.object({ policy: RetentionPolicy.nullable() }).strict();
export type RetentionUpdate = z.infer<typeof RetentionUpdate>;
export const RETENTION_PATH = '/api/admin/retention';

/** An agent as the admin view shows it: the account and how it is routed to (null: defaults). */
export const AdminAgent = Agent.extend({ routing: RoutingProfile.nullable() });
export type AdminAgent = z.infer<typeof AdminAgent>;

/** GET /api/admin/settings: everything the admin view edits, for the caller's company. */
export const AdminSettings = z.object({
  teams: z.array(Team),
  agents: z.array(AdminAgent),
  slaPolicies: z.array(SlaPolicy),
  offerTimeoutSeconds: z.number().int().positive().nullable(),
  /** Email senders and domains whose mail is refused, in the order they were blocked. */
  blockedSenders: z.array(BlockedSender),
  /** Which kinds of personal data each role's desks receive masked. */
  maskingPolicy: MaskingPolicy,
  /** How long closed conversations are kept (null: until erased). */
  retention: RetentionPolicy.nullable(),
  /** The models every desk of the company fetches, in order (null: each desk chooses); absent from relays that predate it. */
  modelSet: PinnedModelSet.nullable().optional(),
});
export type AdminSettings = z.infer<typeof AdminSettings>;
export const ADMIN_SETTINGS_PATH = '/api/admin/settings';

/** POST /api/admin/teams: a new team, always open until it is given hours. */
export const NewTeamRequest = z.object({ name: z.string().trim().min(1).max(100), languages: z.array(LanguageTag).min(1).max(20) }).strict();
export type NewTeamRequest = z.infer<typeof NewTeamRequest>;

/** POST /api/admin/agents: a new account; the administrator passes the first password on. */
export const NewAgentRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.email().max(254),
    role: Role,
    language: LanguageTag,
    teamIds: z.array(Id).max(20),
    password: z.string().min(8, 'a password has at least 8 characters').max(200),
  })
  .strict();
export type NewAgentRequest = z.infer<typeof NewAgentRequest>;

/** PUT /api/admin/agents/:agentId/teams: the teams the agent works in. */
export const AgentTeamsUpdate = z.object({ teamIds: z.array(Id).max(20) }).strict();
export type AgentTeamsUpdate = z.infer<typeof AgentTeamsUpdate>;
