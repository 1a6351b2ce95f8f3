import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { SYNC_PATH } from '../../src-shared/protocol/sync.js';
import type { ChannelRuntime } from '../channels/channel-runtime.js';
import { registerChannelRoutes } from '../channels/webhook-routes.js';
import { WEBCHAT_PATH } from '../../src-shared/protocol/webchat.js';
import type { FileStore } from '../files/file-store.js';
import type { ExportFiles } from '../privacy/export-files.js';
import { registerPrivacyRoutes } from './privacy-routes.js';
import type { RelayCore } from '../relay-core.js';
import type { SyncHub } from '../sync/sync-hub.js';
import type { TwilioConfig } from '../telephony/twilio-config.js';
import { registerTwilioRoutes } from '../telephony/twilio-routes.js';
import type { WebchatHub } from '../webchat/webchat-hub.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAccountAccessRoutes } from './account-access-routes.js';
import { registerTwoFactorRoutes } from './two-factor-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerSsoRoutes } from './sso-routes.js';
import { registerChatPages } from './chat-pages.js';
import { registerEmailRoutes } from './email-routes.js';
import { registerFileRoutes } from './file-routes.js';
import { registerHelpPages } from './help-pages.js';
import { registerReportRoutes } from './report-routes.js';
import { sendHttpError } from './http-error.js';

/** Room for a push of a few hundred ordinary replies; clients split bigger outboxes. */
const SYNC_FRAME_MAX_BYTES = 2 * 1024 * 1024;
const BODY_LIMIT_BYTES = 16 * 1024;
const CLOSE_GOING_AWAY = 1001;
/** Sockets that do not answer the close handshake in this time are dropped. */
const SOCKET_CLOSE_GRACE_MS = 1000;

const ERROR_CODES: Record<number, string> = { 413: 'too_large', 415: 'unsupported_media_type', 500: 'internal' };

export interface HttpAppParts {
  core: RelayCore;
  syncHub: SyncHub;
  webchatHub: WebchatHub;
  resourcesDir: string;
  logger: boolean;
  twilio?: TwilioConfig;
  /** Messaging apps' webhooks (src-relay/channels). */
  channels: ChannelRuntime;
  /** Attachments' bytes (src-relay/files). */
  files: FileStore;
  /** Which proxies in front of the relay to believe about the client's address (RELAY_TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** Privacy exports' bundles (src-relay/privacy/export-files.ts). */
  exports: ExportFiles;
}

/** Fastify's `trustProxy`: every hop, or the proxies' addresses and CIDR ranges. */
export type TrustProxy = boolean | string[];

export async function createHttpApp({ core, syncHub, webchatHub, resourcesDir, logger, twilio, channels, files, exports, trustProxy = false }: HttpAppParts): Promise<FastifyInstance> {
  // close() comes after a drain, which lets running requests finish: a keep-alive connection still
  // open then is cut, instead of holding the close for Fastify's keep-alive time (72 s).
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT_BYTES, forceCloseConnections: true, trustProxy });
  acceptEmptyJsonBodies(app);
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) core.reportError(`${request.method} ${request.url}`, error);
    const message = status === 500 ? 'The relay failed to answer; the details are in its log.' : String(error.message);
    return sendHttpError(reply, status, ERROR_CODES[status] ?? 'bad_request', message);
  });
  app.setNotFoundHandler((request, reply) => sendHttpError(reply, 404, 'not_found', `Nothing at ${request.method} ${request.url}.`));

  // Before the websocket plugin's own hook, so clients hear "going away" and stragglers do not hold the close.
  app.addHook('preClose', (done) => {
    const clients = app.websocketServer.clients;
    for (const client of clients) client.close(CLOSE_GOING_AWAY, 'relay shutting down');
    setTimeout(() => clients.forEach((client) => client.terminate()), SOCKET_CLOSE_GRACE_MS).unref();
    done();
  });
  await app.register(websocket, { options: { maxPayload: SYNC_FRAME_MAX_BYTES } });

  app.get(SYNC_PATH, { websocket: true }, (socket) => syncHub.accept(socket));
  app.get(WEBCHAT_PATH, { websocket: true }, (socket, request) => webchatHub.accept(socket, request.ip));
  registerAuthRoutes(app, core, (tokenHash) => syncHub.revoke(tokenHash));
  registerTwoFactorRoutes(app, core);
  registerSsoRoutes(app, core, channels.settings.publicUrl);
  registerAccountAccessRoutes(app, core, syncHub);
  registerAdminRoutes(app, core, files, exports);
  registerReportRoutes(app, core, () => syncHub.calls.agentsTalking());
  await registerTwilioRoutes(app, core, twilio);
  registerChannelRoutes(app, core, channels);
  await registerFileRoutes(app, core, files, webchatHub.limits);
  registerEmailRoutes(app, core);
  registerPrivacyRoutes(app, core, { files, exports }, channels.box);
  registerChatPages(app, resourcesDir);
  registerHelpPages(app, core, resourcesDir);
  // /healthz and /readyz: src-relay/ops, attached by server.ts.
  return app;
}

/** `POST /api/logout` carries no body, whatever content type the client library sets. */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('The body is not valid JSON.'), { statusCode: 400 }), undefined);
    }
  });
}
