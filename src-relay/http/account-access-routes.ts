import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AgentAccessUpdate, AgentRoleUpdate, LOGOUT_EVERYWHERE_PATH } from '../../src-shared/protocol/account-access.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

/** What the routes ask of the sync hub, so a change reaches this node's open connections at once. */
export interface OpenConnections {
  endSessionsOf(agentId: string, message: string): void;
  rescope(agentId: string): void;
}

/**
 * Signing out everywhere, and an administrator changing an account's role or disabling it. Each
 * reaches open connections at once on this node and, through the hub's access checks, within
 * seconds on every other node of a cluster.
 */
export function registerAccountAccessRoutes(app: FastifyInstance, core: RelayCore, connections: OpenConnections): void {
  app.post(LOGOUT_EVERYWHERE_PATH, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
    if (!agent) return reply;
    await core.store.transaction(async (tx) => {
      await tx.accounts.deleteAgentTokens(agent.id);
      await recordAudit(tx, agent.tenantId, core.now(), actorOf(agent, request.ip), 'auth.signed_out_everywhere', { type: 'account', id: agent.id });
    }, { tenantId: agent.tenantId });
    connections.endSessionsOf(agent.id, 'You signed out everywhere.');
    return reply.code(204).send();
  });

  app.put<{ Params: { agentId: string } }>('/api/admin/agents/:agentId/role', async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator changes roles.');
    if (!admin) return reply;
    const parsed = AgentRoleUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid role: ${z.prettifyError(parsed.error)}`);
    const target = await core.store.accounts.findAgent(request.params.agentId);
    if (target?.agent.tenantId !== admin.tenantId) return sendHttpError(reply, 404, 'not_found', 'There is no such agent.');
    if (target.agent.id === admin.id) return sendHttpError(reply, 400, 'bad_request', 'Administrators cannot change their own role; ask another administrator.');
    if (target.agent.role === parsed.data.role) return reply.code(204).send();
    await core.store.transaction(async (tx) => {
      await tx.signIns.setRole(target.agent.id, parsed.data.role);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'account.role_changed', { type: 'account', id: target.agent.id }, { from: target.agent.role, to: parsed.data.role });
    }, { tenantId: admin.tenantId });
    connections.rescope(target.agent.id);
    return reply.code(204).send();
  });

  app.put<{ Params: { agentId: string } }>('/api/admin/agents/:agentId/access', async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator disables accounts.');
    if (!admin) return reply;
    const parsed = AgentAccessUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid access: ${z.prettifyError(parsed.error)}`);
    const target = await core.store.accounts.findAgent(request.params.agentId);
    if (target?.agent.tenantId !== admin.tenantId) return sendHttpError(reply, 404, 'not_found', 'There is no such agent.');
    if (target.agent.id === admin.id) return sendHttpError(reply, 400, 'bad_request', 'Administrators cannot disable their own account.');
    const { disabled } = parsed.data;
    await core.store.transaction(async (tx) => {
      await tx.signIns.setDisabled(target.agent.id, disabled ? core.now() : null);
      if (disabled) await tx.accounts.deleteAgentTokens(target.agent.id);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), disabled ? 'account.disabled' : 'account.enabled', { type: 'account', id: target.agent.id });
    }, { tenantId: admin.tenantId });
    if (disabled) connections.endSessionsOf(target.agent.id, 'This account was disabled; ask an administrator.');
    return reply.code(204).send();
  });
}
