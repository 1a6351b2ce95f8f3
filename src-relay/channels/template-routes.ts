import type { FastifyInstance } from 'fastify';
import { ConversationIdParams, type ReplyOptions, type TemplateRefreshAnswer } from '../../src-shared/protocol/channels/templates.js';
import { replyOptionsOf } from '../conversations/reply-options.js';
import { callerWithRole } from '../http/auth-routes.js';
import { sendHttpError } from '../http/http-error.js';
import type { RelayCore } from '../relay-core.js';
import { adminsAccount } from './admin-channel-routes.js';
import { refreshChannelTemplates } from './channel-templates.js';
import type { ChannelRuntime } from './channel-runtime.js';

/**
 * Approved templates over HTTP: an administrator's "refresh templates" on an account (POST
 * /api/admin/channels/:accountId/templates), and a desk's question before it writes to a
 * conversation on a messaging app (GET /api/conversations/:conversationId/reply-options): the
 * reply window now and the account's templates. A conversation the agent may not act on is a 404.
 */
export function registerTemplateRoutes(app: FastifyInstance, core: RelayCore, runtime: ChannelRuntime): void {
  app.post('/api/admin/channels/:accountId/templates', async (request, reply) => {
    const account = (await adminsAccount(core, request, reply, 'Only an administrator refreshes message templates.'))?.account;
    if (!account) return reply;
    const answer: TemplateRefreshAnswer = await refreshChannelTemplates(core, runtime, account);
    return reply.header('cache-control', 'no-store').send(answer);
  });

  app.get('/api/conversations/:conversationId/reply-options', async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
    if (!agent) return reply;
    const params = ConversationIdParams.safeParse(request.params);
    const options: ReplyOptions | null = params.success ? await replyOptionsOf(core.store, agent, params.data.conversationId, core.now()) : null;
    if (!options) return sendHttpError(reply, 404, 'not_found', 'There is no such conversation.');
    return reply.header('cache-control', 'no-store').send(options);
  });
}
