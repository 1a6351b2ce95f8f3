import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Id } from '../../src-shared/domain/model.js';
import { isOpenRequest, NewPrivacyRequest, PrivacyRequestUpdate } from '../../src-shared/privacy/privacy-requests.js';
import {
  PRIVACY_ACCESS_PATH,
  PRIVACY_DOWNLOAD_PREFIX,
  PRIVACY_REQUESTS_PATH,
  PRIVACY_TEAM_PATH,
  PrivacyTeamChange,
  type ExportLink,
  type OpenedPrivacyRequest,
  type PrivacyAccess,
  type PrivacyRegister,
  type PrivacyRequestDetail,
  type PrivacyTeam,
} from '../../src-shared/protocol/privacy.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';
import type { RelayCore } from '../relay-core.js';
import { makeExport, type ExportPlaces } from '../privacy/customer-exports.js';
import { DownloadQuery, exportLink, isSignedLink, type Signer } from '../privacy/export-links.js';
import { maySeeRegister, noSuchExport, noSuchRequest, privacyCaller, registerClosed, signedIn } from './privacy-callers.js';
import { openRequest, shownRequest, updateRequest, type RegisterRefusal } from '../privacy/privacy-register.js';

const REMINDERS_SHOWN = 200;
const RequestParams = z.object({ id: Id });
const ListQuery = z.object({ open: z.enum(['0', '1']).optional() });
const STATUS_OF: Record<RegisterRefusal['code'], number> = { not_found: 404, bad_request: 400, conflict: 409 };

/**
 * The register of data subject requests and its exports (docs/privacy.md). The privacy team
 * (administrators and accounts granted the capability) reads and changes it; any agent may open a
 * request from a conversation they may act on. Whatever is outside a caller's scope answers as
 * what does not exist.
 */
export function registerPrivacyRoutes(app: FastifyInstance, core: RelayCore, places: ExportPlaces, signer: Signer): void {
  app.get(PRIVACY_ACCESS_PATH, async (request, reply) => {
    const agent = await signedIn(core, request, reply);
    if (!agent) return reply;
    const access: PrivacyAccess = { privacy: await maySeeRegister(core, agent) };
    return reply.header('cache-control', 'no-store').send(access);
  });

  app.get(PRIVACY_REQUESTS_PATH, async (request, reply) => {
    const agent = await privacyCaller(core, request, reply, registerClosed);
    if (!agent) return reply;
    const query = ListQuery.safeParse(request.query);
    if (!query.success) return sendHttpError(reply, 400, 'bad_request', 'Ask for open=1 (open requests only) or open=0.');
    const stored = await core.store.privacy.listRequests(agent.tenantId, { openOnly: query.data.open === '1' });
    const register: PrivacyRegister = {
      requests: await Promise.all(stored.map((r) => shownRequest(core, agent.tenantId, r))),
      reminders: await core.store.privacy.listReminders(agent.tenantId, REMINDERS_SHOWN),
    };
    return reply.header('cache-control', 'no-store').send(register);
  });

  app.post(PRIVACY_REQUESTS_PATH, async (request, reply) => {
    const agent = await signedIn(core, request, reply);
    if (!agent) return reply;
    const body = NewPrivacyRequest.safeParse(request.body);
    if (!body.success) return sendHttpError(reply, 400, 'bad_request', `Invalid privacy request: ${z.prettifyError(body.error)}`);
    const opened = await openRequest(core, agent, body.data, await maySeeRegister(core, agent), request.ip);
    if (!opened.ok) return sendHttpError(reply, STATUS_OF[opened.refusal.code], opened.refusal.code, opened.refusal.message);
    const answer: OpenedPrivacyRequest = { id: opened.value.id, regime: opened.value.regime, dueAt: opened.value.dueAt };
    return reply.code(201).send(answer);
  });

  app.get(`${PRIVACY_REQUESTS_PATH}/:id`, async (request, reply) => {
    const found = await requestInScope(core, request, reply);
    if (!found) return reply;
    const detail: PrivacyRequestDetail = {
      request: await shownRequest(core, found.agent.tenantId, found.request),
      exports: (await core.store.privacy.listExports(found.agent.tenantId, found.request.customerId)).map(({ location: _location, ...made }) => made),
    };
    return reply.header('cache-control', 'no-store').send(detail);
  });

  app.patch(`${PRIVACY_REQUESTS_PATH}/:id`, async (request, reply) => {
    const found = await requestInScope(core, request, reply);
    if (!found) return reply;
    const body = PrivacyRequestUpdate.safeParse(request.body);
    if (!body.success) return sendHttpError(reply, 400, 'bad_request', `Invalid change: ${z.prettifyError(body.error)}`);
    const updated = await updateRequest(core, found.agent, found.request.id, body.data, request.ip);
    if (!updated.ok) return sendHttpError(reply, STATUS_OF[updated.refusal.code], updated.refusal.code, updated.refusal.message);
    return reply.send(await shownRequest(core, found.agent.tenantId, updated.value));
  });

  app.post(`${PRIVACY_REQUESTS_PATH}/:id/exports`, async (request, reply) => {
    const found = await requestInScope(core, request, reply);
    if (!found) return reply;
    const { request: asked, agent } = found;
    if (asked.kind !== 'access' && asked.kind !== 'portability') return sendHttpError(reply, 409, 'conflict', 'An export answers an access or portability request.');
    if (!isOpenRequest(asked.status)) return sendHttpError(reply, 409, 'conflict', 'This request is closed; open a new one to export again.');
    if (!asked.identityCheck) return sendHttpError(reply, 409, 'conflict', "Check the requester's identity before exporting their data.");
    const made = await makeExport(core, places, agent, asked, request.ip);
    if (!made) return sendHttpError(reply, 409, 'conflict', 'The customer no longer exists (erased): there is nothing to export.');
    const { location: _location, ...shown } = made;
    return reply.code(201).send(shown);
  });

  app.post(`${PRIVACY_DOWNLOAD_PREFIX}/:id/link`, async (request, reply) => {
    const agent = await privacyCaller(core, request, reply, noSuchExport);
    if (!agent) return reply;
    const params = RequestParams.safeParse(request.params);
    const made = params.success ? await core.store.privacy.findExport(agent.tenantId, params.data.id) : null;
    if (!made) return noSuchExport(reply);
    let link: ExportLink;
    try {
      link = exportLink(signer, agent.tenantId, made.id, agent.id, core.now());
    } catch (error) {
      // A relay without a secrets key (PostgreSQL without RELAY_SECRETS_KEY) cannot sign: said plainly, not as a failure.
      return sendHttpError(reply, 503, 'unavailable', `This relay cannot sign download links: ${error instanceof Error ? error.message : String(error)}`);
    }
    return reply.header('cache-control', 'no-store').send(link);
  });

  app.get(`${PRIVACY_DOWNLOAD_PREFIX}/:id/download`, async (request, reply) => downloadExport(core, places, signer, request, reply));

  app.get(PRIVACY_TEAM_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator chooses the privacy team.');
    if (!admin) return reply;
    const team: PrivacyTeam = { holderIds: await core.store.privacy.holdersOf(admin.tenantId, 'privacy') };
    return reply.header('cache-control', 'no-store').send(team);
  });

  app.put(PRIVACY_TEAM_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator chooses the privacy team.');
    if (!admin) return reply;
    const body = PrivacyTeamChange.safeParse(request.body);
    if (!body.success) return sendHttpError(reply, 400, 'bad_request', `Invalid change: ${z.prettifyError(body.error)}`);
    const account = await core.store.accounts.findAgent(body.data.agentId);
    if (!account || account.agent.tenantId !== admin.tenantId) return sendHttpError(reply, 404, 'not_found', 'There is no such account.');
    const now = core.now();
    await core.store.transaction(async (tx) => {
      await tx.privacy.setCapability(admin.tenantId, body.data.agentId, 'privacy', body.data.privacy, admin.id, now);
      await recordAudit(tx, admin.tenantId, now, actorOf(admin, request.ip), 'account.capabilities_changed', { type: 'account', id: body.data.agentId }, { privacy: body.data.privacy });
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });
}

/** The request the path names, for a caller of the privacy team; else the 404 of a request that does not exist is sent. */
async function requestInScope(core: RelayCore, request: FastifyRequest, reply: FastifyReply) {
  const agent = await privacyCaller(core, request, reply, noSuchRequest);
  if (!agent) return null;
  const params = RequestParams.safeParse(request.params);
  const found = params.success ? await core.store.privacy.findRequest(agent.tenantId, params.data.id) : null;
  if (!found) {
    noSuchRequest(reply);
    return null;
  }
  return { agent, request: found };
}

/**
 * GET the bundle through a signed link: refused as a missing export when the signature does not
 * hold or its account may no longer use the register; an expired link says so, to ask for a new one.
 */
async function downloadExport(core: RelayCore, places: ExportPlaces, signer: Signer, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const params = RequestParams.safeParse(request.params);
  const query = DownloadQuery.safeParse(request.query);
  if (!params.success || !query.success) return noSuchExportSent(reply);
  const account = await core.store.accounts.findAgent(query.data.agent);
  const tenantId = account?.agent.tenantId ?? '';
  if (!account || !isSignedLink(signer, tenantId, params.data.id, query.data)) return noSuchExportSent(reply);
  if (Number(query.data.expires) < core.now()) {
    return sendHttpError(reply, 410, 'link_expired', `This download link expired at ${new Date(Number(query.data.expires)).toISOString()}. Ask for a new one in Privacy requests.`);
  }
  const made = await core.store.privacy.findExport(tenantId, params.data.id);
  if (!made || !(await maySeeRegister(core, account.agent))) return noSuchExportSent(reply);
  const details = { customer: made.customerId, request: made.requestId };
  await recordAudit(core.store, tenantId, core.now(), actorOf(account.agent, request.ip), 'privacy_export.downloaded', { type: 'export', id: made.id }, details);
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="privacy-export-${made.customerId.replace(/[^A-Za-z0-9_-]/g, '_')}-${new Date(made.createdAt).toISOString().slice(0, 10)}.zip"`)
    .header('content-length', made.size)
    .type('application/zip')
    .send(places.exports.open(made.location));
}

function noSuchExportSent(reply: FastifyReply): FastifyReply {
  noSuchExport(reply);
  return reply;
}
