import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditDetails } from '../../src-shared/domain/audit.js';
import { ADMIN_MODEL_SET_PATH, MODEL_SET_PATH, ModelSetUpdate, type DeskModelNeeds } from '../../src-shared/protocol/model-set.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

/**
 * The company's pinned model set (administrators set it), and what a desk plans its models from
 * at sign-in: the pin, the agent's working languages and those of the agent's teams.
 */
export function registerModelSetRoutes(app: FastifyInstance, core: RelayCore): void {
  app.get(MODEL_SET_PATH, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
    if (!agent) return reply;
    const { accounts, modelSets } = core.store;
    const teams = (await accounts.listTeams(agent.tenantId)).filter((team) => agent.teamIds.includes(team.id));
    const body: DeskModelNeeds = {
      pinned: await modelSets.pinnedOf(agent.tenantId),
      agentLanguages: (await accounts.routingOf(agent.id))?.languages ?? [],
      teamLanguages: [...new Set(teams.flatMap((team) => team.languages))],
    };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.put(ADMIN_MODEL_SET_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator pins the company’s models.');
    if (!admin) return reply;
    const parsed = ModelSetUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid model set: ${z.prettifyError(parsed.error)}`);
    const { models } = parsed.data;
    // Desks read the pin at their next sign-in.
    await core.store.transaction(async (tx) => {
      await tx.modelSets.setPinned(admin.tenantId, models, core.now());
      const details: AuditDetails = models === null ? { pinned: false } : { pinned: true, models: models.slice(0, 20), count: models.length };
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'settings.models_changed', { type: 'tenant', id: admin.tenantId }, details);
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });
}
