import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Agent } from '../../src-shared/domain/model.js';
import {
  ADMIN_SETTINGS_PATH,
  AgentRoutingUpdate,
  AgentTeamsUpdate,
  ErasureRequest,
  NewAgentRequest,
  NewTeamRequest,
  RoutingSettingsUpdate,
  SlaPoliciesUpdate,
  TeamScheduleUpdate,
  type AdminAgent,
  type AdminSettings,
  type ErasureResponse,
} from '../../src-shared/protocol/admin.js';
import { DEFAULT_MASKING_POLICY } from '../../src-shared/privacy/masking-policy.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import { hashPassword } from '../auth/passwords.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { forgetFileBytes } from '../privacy/forget-files.js';
import type { FileStore } from '../files/file-store.js';
import type { RelayCore } from '../relay-core.js';
import type { ExportFiles } from '../privacy/export-files.js';
import { callerWithRole } from './auth-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerBlockedSenderRoutes } from './blocked-sender-routes.js';
import { registerMaskingRoutes } from './masking-routes.js';
import { registerRetentionRoutes } from './retention-routes.js';
import { registerModelSetRoutes } from './model-set-routes.js';
import { sendHttpError } from './http-error.js';

/** Administrator actions over HTTP, each checked against the caller's role. */
export function registerAdminRoutes(app: FastifyInstance, core: RelayCore, files: FileStore, exports: ExportFiles): void {
  registerBlockedSenderRoutes(app, core);
  registerAuditRoutes(app, core);
  registerMaskingRoutes(app, core);
  registerRetentionRoutes(app, core);
  registerModelSetRoutes(app, core);
  app.post('/api/admin/erasures', async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator can erase customer data.');
    if (!admin) return reply;
    const parsed = ErasureRequest.safeParse(request.body);
    if (!parsed.success) {
      return sendHttpError(reply, 400, 'bad_request', `Invalid erasure request: ${z.prettifyError(parsed.error)}`);
    }
    const { unheldFileIds, exportLocations, ...result } = await eraseCustomer(core, admin, parsed.data.customerId, request.ip);
    await forgetFileBytes(files, unheldFileIds);
    for (const location of exportLocations) await exports.delete(location);
    const body: ErasureResponse = { customerId: parsed.data.customerId, ...result };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get(ADMIN_SETTINGS_PATH, async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator reads the company settings.');
    if (!admin) return reply;
    return reply.header('cache-control', 'no-store').send(await settingsOf(core, admin.tenantId));
  });

  app.post('/api/admin/teams', async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator creates teams.');
    if (!admin) return reply;
    const parsed = NewTeamRequest.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid team: ${z.prettifyError(parsed.error)}`);
    // Read and written in one transaction: two requests cannot both take the same name, id or position.
    const team = await core.store.transaction(async (tx) => {
      const teams = await tx.accounts.listTeams(admin.tenantId);
      if (teams.some((t) => t.name.toLowerCase() === parsed.data.name.toLowerCase())) return null;
      const created = { id: await freshId('team', parsed.data.name, (id) => tx.accounts.teamExists(id)), ...parsed.data, schedule: null, overflowTeamId: null };
      await tx.accounts.insertTeam(admin.tenantId, created, teams.length);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'team.created', { type: 'team', id: created.id }, { name: created.name });
      return created;
    }, { tenantId: admin.tenantId });
    if (!team) return sendHttpError(reply, 409, 'conflict', 'A team of that name already exists.');
    return reply.code(201).send({ team });
  });

  app.post('/api/admin/agents', async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator creates accounts.');
    if (!admin) return reply;
    const parsed = NewAgentRequest.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid account: ${z.prettifyError(parsed.error)}`);
    const { password, ...fields } = parsed.data;
    const refusal = await teamsRefusal(core, admin.tenantId, fields.teamIds);
    if (refusal) return sendHttpError(reply, 400, 'bad_request', refusal);
    const passwordHash = await hashPassword(password);
    // Checked after the hash's await, in the transaction that inserts: two requests cannot both pass.
    const id = await core.store.transaction(async (tx) => {
      const { accounts } = tx;
      if ((await accounts.findAgentsByEmail(fields.email)).some((a) => a.agent.tenantId === admin.tenantId)) return null;
      const fresh = await freshId('agent', fields.email.split('@')[0] ?? fields.name, async (candidate) => (await accounts.findAgent(candidate)) !== null);
      await accounts.insertAgent({ id: fresh, tenantId: admin.tenantId, ...fields, passwordHash, chosenPresence: 'available', createdAt: core.now() });
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'account.created', { type: 'account', id: fresh }, { role: fields.role, teamIds: fields.teamIds });
      return fresh;
    }, { tenantId: admin.tenantId });
    if (id === null) return sendHttpError(reply, 409, 'conflict', 'An account with that email already exists.');
    const agent: AdminAgent = { id, tenantId: admin.tenantId, ...fields, routing: null };
    return reply.code(201).send({ agent });
  });

  app.put<{ Params: { agentId: string } }>('/api/admin/agents/:agentId/teams', async (request, reply) => {
    const admin = await adminOf(core, request, reply, "Only an administrator changes agents' teams.");
    if (!admin) return reply;
    const parsed = AgentTeamsUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid teams: ${z.prettifyError(parsed.error)}`);
    if ((await core.store.accounts.findAgent(request.params.agentId))?.agent.tenantId !== admin.tenantId) return sendHttpError(reply, 404, 'not_found', 'There is no such agent.');
    const refusal = await teamsRefusal(core, admin.tenantId, parsed.data.teamIds);
    if (refusal) return sendHttpError(reply, 400, 'bad_request', refusal);
    const teamIds = [...new Set(parsed.data.teamIds)];
    await core.store.transaction(async (tx) => {
      await tx.accounts.setAgentTeams(request.params.agentId, teamIds);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'account.teams_changed', { type: 'account', id: request.params.agentId }, { teamIds });
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });

  // Routing settings: stored at once, read by the next routing decision, so no restart is needed.
  app.put<{ Params: { teamId: string } }>('/api/admin/teams/:teamId/schedule', async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator changes team hours.');
    if (!admin) return reply;
    const parsed = TeamScheduleUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid team hours: ${z.prettifyError(parsed.error)}`);
    const teams = await core.store.accounts.listTeams(admin.tenantId);
    if (!teams.some((t) => t.id === request.params.teamId)) return sendHttpError(reply, 404, 'not_found', 'There is no such team.');
    const overflow = parsed.data.overflowTeamId;
    if (overflow !== null && (overflow === request.params.teamId || !teams.some((t) => t.id === overflow))) {
      return sendHttpError(reply, 400, 'bad_request', 'The overflow team must be another team of the company.');
    }
    await core.store.transaction(async (tx) => {
      await tx.accounts.setTeamSchedule(request.params.teamId, parsed.data.schedule, overflow);
      const details = { hours: parsed.data.schedule !== null, overflowTeamId: overflow };
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'team.schedule_changed', { type: 'team', id: request.params.teamId }, details);
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });

  app.put<{ Params: { agentId: string } }>('/api/admin/agents/:agentId/routing', async (request, reply) => {
    const admin = await adminOf(core, request, reply, "Only an administrator changes agents' routing.");
    if (!admin) return reply;
    const parsed = AgentRoutingUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid routing: ${z.prettifyError(parsed.error)}`);
    if ((await core.store.accounts.findAgent(request.params.agentId))?.agent.tenantId !== admin.tenantId) return sendHttpError(reply, 404, 'not_found', 'There is no such agent.');
    await core.store.transaction(async (tx) => {
      await tx.accounts.setRouting(request.params.agentId, parsed.data);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'account.routing_changed', { type: 'account', id: request.params.agentId });
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });

  app.put('/api/admin/routing-settings', async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator changes routing settings.');
    if (!admin) return reply;
    const parsed = RoutingSettingsUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid routing settings: ${z.prettifyError(parsed.error)}`);
    const seconds = parsed.data.offerTimeoutSeconds;
    await core.store.transaction(async (tx) => {
      await tx.accounts.setOfferTimeoutMs(admin.tenantId, seconds === null ? null : seconds * 1000);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'settings.routing_changed', { type: 'tenant', id: admin.tenantId }, { offerTimeoutSeconds: seconds });
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });

  app.get('/api/admin/sla-policies', async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator reads SLA policies here.');
    if (!admin) return reply;
    return reply.header('cache-control', 'no-store').send({ policies: await core.store.sla.listPolicies(admin.tenantId) });
  });

  app.put('/api/admin/sla-policies', async (request, reply) => {
    const admin = await adminOf(core, request, reply, 'Only an administrator changes SLA policies.');
    if (!admin) return reply;
    const parsed = SlaPoliciesUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid SLA policies: ${z.prettifyError(parsed.error)}`);
    const ids = parsed.data.policies.map((p) => p.id);
    if (new Set(ids).size !== ids.length) return sendHttpError(reply, 400, 'bad_request', 'Two policies have the same id.');
    // Clocks already running keep their due times; new conversations take the new policies.
    await core.store.transaction(async (tx) => {
      await tx.sla.replacePolicies(admin.tenantId, parsed.data.policies);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'settings.sla_changed', { type: 'tenant', id: admin.tenantId }, { policies: ids.length });
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });
}

async function settingsOf(core: RelayCore, tenantId: string): Promise<AdminSettings> {
  const { accounts, sla, blockedSenders } = core.store;
  const timeoutMs = await accounts.offerTimeoutMs(tenantId);
  const agents: AdminSettings['agents'] = [];
  for (const { agent } of await accounts.listTenantAgents(tenantId)) agents.push({ ...agent, routing: await accounts.routingOf(agent.id) });
  return {
    teams: await accounts.listTeams(tenantId),
    agents,
    slaPolicies: await sla.listPolicies(tenantId),
    offerTimeoutSeconds: timeoutMs === null ? null : Math.round(timeoutMs / 1000),
    blockedSenders: await blockedSenders.list(tenantId),
    maskingPolicy: (await accounts.maskingPolicy(tenantId)) ?? DEFAULT_MASKING_POLICY,
    retention: await core.store.retention.policyOf(tenantId),
    modelSet: await core.store.modelSets.pinnedOf(tenantId),
  };
}

async function teamsRefusal(core: RelayCore, tenantId: string, teamIds: readonly string[]): Promise<string | null> {
  const known = new Set((await core.store.accounts.listTeams(tenantId)).map((t) => t.id));
  const unknown = teamIds.find((id) => !known.has(id));
  return unknown === undefined ? null : `There is no team ${unknown} in this company.`;
}

/** `prefix-slug`, numbered when taken: readable in logs and exports; ids are unique across companies. */
async function freshId(prefix: string, name: string, taken: (id: string) => Promise<boolean>): Promise<string> {
  const slug = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'new';
  const base = `${prefix}-${slug}`;
  let id = base;
  for (let n = 2; await taken(id); n++) id = `${base}-${n}`;
  return id;
}

/** The caller is an administrator; else the refusal is sent and null returned. */
function adminOf(core: RelayCore, request: FastifyRequest, reply: FastifyReply, refusal: string): Promise<Agent | null> {
  return callerWithRole(core, request, reply, ['admin'], refusal);
}
