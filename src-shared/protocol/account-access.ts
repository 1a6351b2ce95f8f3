import { z } from 'zod';
import { Role } from '../domain/model.js';

/** POST: revokes every token of the caller's account; every desk signed in as them is signed out. */
export const LOGOUT_EVERYWHERE_PATH = '/api/logout-everywhere';

/** PUT `/api/admin/agents/:agentId/role`: takes effect on the agent's open connections at once. */
export const AgentRoleUpdate = z.object({ role: Role }).strict();
export type AgentRoleUpdate = z.infer<typeof AgentRoleUpdate>;

/** PUT `/api/admin/agents/:agentId/access`: a disabled account's tokens are revoked and it cannot sign in. */
export const AgentAccessUpdate = z.object({ disabled: z.boolean() }).strict();
export type AgentAccessUpdate = z.infer<typeof AgentAccessUpdate>;

export const agentRolePath = (agentId: string) => `/api/admin/agents/${encodeURIComponent(agentId)}/role`;
export const agentAccessPath = (agentId: string) => `/api/admin/agents/${encodeURIComponent(agentId)}/access`;
