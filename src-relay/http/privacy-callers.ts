import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Agent } from '../../src-shared/domain/model.js';
import { holdsCapability } from '../../src-shared/privacy/capabilities.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';
import type { RelayCore } from '../relay-core.js';

/** Whether the agent may use the register: administrators, and accounts granted the privacy capability. */
export async function maySeeRegister(core: RelayCore, agent: Agent): Promise<boolean> {
  if (agent.role === 'admin') return true;
  return holdsCapability(agent.role, await core.store.privacy.capabilitiesOf(agent.tenantId, agent.id), 'privacy');
}

/** Any signed-in account; else the 401 is sent and null returned. */
export function signedIn(core: RelayCore, request: FastifyRequest, reply: FastifyReply): Promise<Agent | null> {
  return callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
}

/** The caller, when they may use the register; else `refuse` is sent (the same answer as for what does not exist) and null returned. */
export async function privacyCaller(core: RelayCore, request: FastifyRequest, reply: FastifyReply, refuse: (reply: FastifyReply) => void): Promise<Agent | null> {
  const agent = await signedIn(core, request, reply);
  if (!agent) return null;
  if (await maySeeRegister(core, agent)) return agent;
  refuse(reply);
  return null;
}

/** What a request or export outside the caller's scope gets, exactly as one that does not exist. */
export function noSuchRequest(reply: FastifyReply): void {
  sendHttpError(reply, 404, 'not_found', 'There is no such privacy request.');
}

export function noSuchExport(reply: FastifyReply): void {
  sendHttpError(reply, 404, 'not_found', 'There is no such export.');
}

/** The register's list: it names no id, so saying that it is closed to the caller gives nothing away. */
export function registerClosed(reply: FastifyReply): void {
  sendHttpError(reply, 403, 'forbidden', 'The register of privacy requests is for the privacy team and administrators.');
}
