import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  SSO_CALLBACK_PATH,
  SSO_CONFIG_PATH,
  SSO_EXCHANGE_PATH,
  SSO_PROVIDERS_PATH,
  SsoConfigInput,
  SsoExchangeRequest,
  SsoStartQuery,
  type SsoConfigView,
  type SsoProviderList,
} from '../../src-shared/protocol/single-sign-on.js';
import { recordAudit } from '../audit/audit-trail.js';
import { exchangeSso, finishSso, startSso } from '../auth/single-sign-on.js';
import { clientSecretContext, SsoClients } from '../auth/sso-clients.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';
import { sendSsoPage } from './sso-page.js';

/**
 * Single sign-on with OpenID Connect (auth/single-sign-on.ts): the providers the sign-in screen
 * offers, the browser's start and callback, the desk's exchange, and the administrators' setting.
 * `publicUrl` (RELAY_PUBLIC_URL) makes the callback's address; without it, the request's own host.
 */
export function registerSsoRoutes(app: FastifyInstance, core: RelayCore, publicUrl: string | undefined): void {
  const clients = new SsoClients(core);
  const callbackUrl = (request: FastifyRequest) => `${(publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '')}${SSO_CALLBACK_PATH}`;

  app.get(SSO_PROVIDERS_PATH, async (_request, reply) => {
    const providers = (await core.store.singleSignOn.listConfigs()).map((config) => ({ tenantId: config.tenantId, name: config.displayName }));
    return reply.send({ providers } satisfies SsoProviderList);
  });

  app.get('/api/sso/:tenantId/start', async (request, reply) => {
    const { tenantId } = request.params as { tenantId: string };
    const query = SsoStartQuery.safeParse(request.query);
    if (!query.success) return sendSsoPage(reply, 400, 'Sign-in not started', 'Start the sign-in from the desk.');
    let url: URL | null;
    try {
      url = await startSso(core, clients, tenantId, query.data.desk, callbackUrl(request));
    } catch (error) {
      core.reportError('single sign-on start', error);
      return sendSsoPage(reply, 502, 'Sign-in not started', 'The sign-in provider did not answer. Try again later, or ask an administrator.');
    }
    if (!url) return sendSsoPage(reply, 404, 'Sign-in not started', 'Single sign-on is not set up for this company.');
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(url.href, 302);
  });

  app.get(SSO_CALLBACK_PATH, async (request, reply) => {
    const outcome = await finishSso(core, clients, new URL(request.url, 'http://callback.invalid'), request.ip);
    return outcome.ok
      ? sendSsoPage(reply, 200, 'Signed in', `Welcome, ${outcome.name}. Go back to the desk: it is signing you in. You can close this page.`)
      : sendSsoPage(reply, 403, 'Not signed in', outcome.message);
  });

  app.post(SSO_EXCHANGE_PATH, async (request, reply) => {
    const body = parsed(reply, SsoExchangeRequest, request.body);
    if (!body) return;
    const result = await exchangeSso(core, body.verifier, request.ip);
    if (result.ok) return reply.header('cache-control', 'no-store').send(result.value);
    return sendHttpError(reply, result.code === 'sso_pending' ? 404 : 401, result.code, result.message);
  });

  registerSsoConfigRoutes(app, core);
}

function registerSsoConfigRoutes(app: FastifyInstance, core: RelayCore): void {
  app.get(SSO_CONFIG_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only administrators see the single sign-on setting.');
    if (!admin) return;
    const config = await core.store.singleSignOn.configOf(admin.tenantId);
    const view: SsoConfigView | null = config && { issuer: config.issuer, clientId: config.clientId, displayName: config.displayName, updatedAt: config.updatedAt };
    return reply.send({ config: view });
  });

  app.put(SSO_CONFIG_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only administrators change the single sign-on setting.');
    const body = admin && parsed(reply, SsoConfigInput, request.body);
    if (!admin || !body) return;
    const now = core.now();
    const record = { tenantId: admin.tenantId, issuer: body.issuer, clientId: body.clientId, clientSecretSealed: core.secrets.seal(body.clientSecret, clientSecretContext(admin.tenantId)), displayName: body.displayName, updatedAt: now };
    await core.store.transaction(async (tx) => {
      await tx.singleSignOn.saveConfig(record);
      await recordAudit(tx, admin.tenantId, now, { actorId: admin.id, actorAddress: request.ip }, 'settings.sso_changed', { type: 'tenant', id: admin.tenantId }, { issuer: body.issuer, clientId: body.clientId });
    }, { tenantId: admin.tenantId });
    return reply.send({ config: { issuer: record.issuer, clientId: record.clientId, displayName: record.displayName, updatedAt: now } satisfies SsoConfigView });
  });

  app.delete(SSO_CONFIG_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only administrators change the single sign-on setting.');
    if (!admin) return;
    await core.store.transaction(async (tx) => {
      await tx.singleSignOn.removeConfig(admin.tenantId);
      await recordAudit(tx, admin.tenantId, core.now(), { actorId: admin.id, actorAddress: request.ip }, 'settings.sso_changed', { type: 'tenant', id: admin.tenantId }, { removed: true });
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });
}

function parsed<T>(reply: FastifyReply, schema: z.ZodType<T>, body: unknown): T | null {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  sendHttpError(reply, 400, 'bad_request', `Invalid request: ${z.prettifyError(result.error)}`);
  return null;
}
