import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Agent } from '../../src-shared/domain/model.js';
import { AgentRoutingUpdate, ErasureRequest, RoutingSettingsUpdate, SlaPoliciesUpdate, TeamScheduleUpdate, type ErasureResponse } from '../../src-shared/protocol/admin.js';
import { eraseCustomer } from '../privacy/erasure.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

/** Administrator actions over HTTP, each checked against the caller's role. */
export function registerAdminRoutes(app: FastifyInstance, core: RelayCore): void {
  app.post('/api/admin/erasures', async (request, reply) => {
    const admin = adminOf(core, request, reply, 'Only an administrator can erase customer data.');
    if (!admin) return reply;
    const parsed = ErasureRequest.safeParse(request.body);
    if (!parsed.success) {
      return sendHttpError(reply, 400, 'bad_request', `Invalid erasure request: ${z.prettifyError(parsed.error)}`);
    }
    const result = eraseCustomer(core, admin, parsed.data.customerId);
    const body: ErasureResponse = { customerId: parsed.data.customerId, ...result };
    return reply.header('cache-control', 'no-store').send(body);
  });

  // Routing settings: stored at once, read by the next routing decision, so no restart is needed.
  app.put<{ Params: { teamId: string } }>('/api/admin/teams/:teamId/schedule', async (request, reply) => {
    const admin = adminOf(core, request, reply, 'Only an administrator changes team hours.');
    if (!admin) return reply;
    const parsed = TeamScheduleUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid team hours: ${z.prettifyError(parsed.error)}`);
    const teams = core.store.accounts.listTeams(admin.tenantId);
    if (!teams.some((t) => t.id === request.params.teamId)) return sendHttpError(reply, 404, 'not_found', 'There is no such team.');
    const overflow = parsed.data.overflowTeamId;
    if (overflow !== null && (overflow === request.params.teamId || !teams.some((t) => t.id === overflow))) {
      return sendHttpError(reply, 400, 'bad_request', 'The overflow team must be another team of the company.');
    }
    core.store.transaction(() => core.store.accounts.setTeamSchedule(request.params.teamId, parsed.data.schedule, overflow));
    return reply.code(204).send();
  });

  app.put<{ Params: { agentId: string } }>('/api/admin/agents/:agentId/routing', async (request, reply) => {
    const admin = adminOf(core, request, reply, "Only an administrator changes agents' routing.");
    if (!admin) return reply;
    const parsed = AgentRoutingUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid routing: ${z.prettifyError(parsed.error)}`);
    if (core.store.accounts.findAgent(request.params.agentId)?.agent.tenantId !== admin.tenantId) return sendHttpError(reply, 404, 'not_found', 'There is no such agent.');
    core.store.transaction(() => core.store.accounts.setRouting(request.params.agentId, parsed.data));
    return reply.code(204).send();
  });

  app.put('/api/admin/routing-settings', async (request, reply) => {
    const admin = adminOf(core, request, reply, 'Only an administrator changes routing settings.');
    if (!admin) return reply;
    const parsed = RoutingSettingsUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid routing settings: ${z.prettifyError(parsed.error)}`);
    const seconds = parsed.data.offerTimeoutSeconds;
    core.store.transaction(() => core.store.accounts.setOfferTimeoutMs(admin.tenantId, seconds === null ? null : seconds * 1000));
    return reply.code(204).send();
  });

  app.get('/api/admin/sla-policies', async (request, reply) => {
    const admin = adminOf(core, request, reply, 'Only an administrator reads SLA policies here.');
    if (!admin) return reply;
    return reply.header('cache-control', 'no-store').send({ policies: core.store.sla.listPolicies(admin.tenantId) });
  });

  app.put('/api/admin/sla-policies', async (request, reply) => {
    const admin = adminOf(core, request, reply, 'Only an administrator changes SLA policies.');
    if (!admin) return reply;
    const parsed = SlaPoliciesUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid SLA policies: ${z.prettifyError(parsed.error)}`);
    const ids = parsed.data.policies.map((p) => p.id);
    if (new Set(ids).size !== ids.length) return sendHttpError(reply, 400, 'bad_request', 'Two policies have the same id.');
    // Clocks already running keep their due times; new conversations take the new policies.
    core.store.transaction(() => core.store.sla.replacePolicies(admin.tenantId, parsed.data.policies));
    return reply.code(204).send();
  });
}

/** The caller is an administrator; else the refusal is sent and null returned. */
function adminOf(core: RelayCore, request: FastifyRequest, reply: FastifyReply, refusal: string): Agent | null {
  return callerWithRole(core, request, reply, ['admin'], refusal);
}
