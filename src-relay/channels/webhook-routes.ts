import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { receiveChannelWebhook } from '../conversations/channel-messages.js';
import { sendHttpError } from '../http/http-error.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { registerChannelAdminRoutes } from './admin-channel-routes.js';
import type { ChannelRuntime } from './channel-runtime.js';
import { registerPublicFileRoute } from './public-files.js';
import { registerTemplateRoutes } from './template-routes.js';
import type { ChannelAdapter, WebhookRequest } from './port/channel-adapter.js';

/** Providers send one event or a small batch; Meta's notifications stay far below this. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const Params = z.object({ provider: z.string().regex(/^[a-z]{2,20}$/), token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

/**
 * POST /channels/<provider>/<webhook token>: a provider's webhook. The signature is checked over
 * the raw bytes before anything is parsed (403, nothing written, when it fails); then the payload
 * is parsed and stored in one commit, and the provider is answered 200 at once: routing is part
 * of that commit, translation happens later on the desks. GET on the same path answers a
 * provider's handshake (Meta's hub.challenge). An unknown path is a plain 404. Administrators
 * connect accounts through admin-channel-routes.ts.
 */
export function registerChannelRoutes(app: FastifyInstance, core: RelayCore, runtime: ChannelRuntime): void {
  registerChannelAdminRoutes(app, core, runtime);
  registerTemplateRoutes(app, core, runtime);
  registerPublicFileRoute(app, runtime, () => core.now());
  // A plugin of its own, so that bodies stay raw bytes for these routes only.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post('/channels/:provider/:token', { bodyLimit: WEBHOOK_BODY_LIMIT }, (request, reply) => receive(core, runtime, request, reply));
    scope.get('/channels/:provider/:token', (request, reply) => handshake(core, runtime, request, reply));
  });
}

interface Found {
  adapter: ChannelAdapter;
  account: ChannelAccount;
  credentials: unknown;
}

/** The account the path names, or a 404 that says nothing of why (a wrong provider, an unknown token). */
async function accountOf(core: RelayCore, runtime: ChannelRuntime, request: FastifyRequest, reply: FastifyReply): Promise<Found | null> {
  const params = Params.safeParse(request.params);
  const adapter = params.success ? runtime.adapterOf(params.data.provider) : null;
  const account = adapter && params.success ? await core.store.channels.findAccountByWebhookToken(params.data.token) : null;
  // A disconnected account's address is gone like one that never was.
  if (!adapter || !account || account.provider !== adapter.provider || account.disconnectedAt) {
    await sendHttpError(reply, 404, 'not_found', `Nothing at ${request.method} ${request.url.split('?')[0]}.`);
    return null;
  }
  return { adapter, account, credentials: runtime.credentialsOf(adapter, account) };
}

async function receive(core: RelayCore, runtime: ChannelRuntime, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const found = await accountOf(core, runtime, request, reply);
  if (!found) return reply;
  const { adapter, account, credentials } = found;
  const signed = webhookRequest(runtime, request);
  if (!adapter.verify(signed, credentials)) return sendHttpError(reply, 403, 'forbidden', 'The signature does not match.');
  const parsed = adapter.parse(signed, credentials);
  if (!parsed.ok) return sendHttpError(reply, 400, 'bad_request', `The body is not a ${adapter.rules.name} webhook: ${parsed.error}.`);
  // Files are fetched afterwards (inbound-media.ts): the provider never waits on its own media API.
  const { askAgain, ...receipt } = await receiveChannelWebhook(core, account, parsed.webhook);
  // A status can outrun the sender recording the provider's answer: while a send is under way,
  // one of no known message is asked again (the provider retries; the messages are stored once).
  if (askAgain) return sendHttpError(reply, 503, 'unavailable', 'A status of a reply still being sent; try again.');
  if (!adapter.acknowledge) return reply.code(200).send({ ok: true, ...receipt });
  const answer = adapter.acknowledge(signed);
  return reply.code(answer.status).type(answer.contentType ?? 'text/plain; charset=utf-8').send(answer.body);
}

/** The request as adapters see it; the address is the public one the provider signed, when the relay knows it. */
function webhookRequest(runtime: ChannelRuntime, request: FastifyRequest): WebhookRequest {
  const base = runtime.settings.publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  return {
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    headers: request.headers,
    query: request.query as Record<string, string | undefined>,
    url: base.replace(/\/$/, '') + request.url,
  };
}

async function handshake(core: RelayCore, runtime: ChannelRuntime, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const found = await accountOf(core, runtime, request, reply);
  if (!found) return reply;
  const { adapter, credentials } = found;
  if (!adapter.handshake) return sendHttpError(reply, 405, 'method_not_allowed', `${adapter.rules.name} sends no handshake.`);
  const answer = adapter.handshake(request.query as Record<string, string | undefined>, credentials);
  return reply.code(answer.status).type('text/plain; charset=utf-8').send(answer.body);
}
