import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_CHANNELS_PATH, NewChannelAccountRequest, type ChannelAccountView } from '../../src-shared/protocol/channels/accounts.js';
import { callerWithRole } from '../http/auth-routes.js';
import { sendHttpError } from '../http/http-error.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { connectChannelAccount, webhookPathOf } from './channel-accounts.js';
import type { ChannelRuntime } from './channel-runtime.js';

/**
 * An administrator's messaging-app accounts: list them, connect one. Credentials go in and never
 * come out; the answer carries the webhook path to paste into the provider's console. (The
 * Company settings screen for this comes later.)
 */
export function registerChannelAdminRoutes(app: FastifyInstance, core: RelayCore, runtime: ChannelRuntime): void {
  app.get(ADMIN_CHANNELS_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator manages messaging accounts.');
    if (!admin) return reply;
    const accounts = (await core.store.channels.listAccounts(admin.tenantId)).map(viewOf);
    return reply.header('cache-control', 'no-store').send({ accounts });
  });

  app.post(ADMIN_CHANNELS_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator connects messaging accounts.');
    if (!admin) return reply;
    const parsed = NewChannelAccountRequest.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid account: ${z.prettifyError(parsed.error)}`);
    const connected = await connectChannelAccount(core, runtime, { tenantId: admin.tenantId, ...parsed.data });
    if (!connected.ok) return sendHttpError(reply, 400, 'bad_request', connected.message);
    return reply.code(201).header('cache-control', 'no-store').send({ account: viewOf(connected.account) });
  });
}

function viewOf(account: ChannelAccount): ChannelAccountView {
  return { id: account.id, provider: account.provider, displayName: account.displayName, teamId: account.teamId, webhookPath: webhookPathOf(account), createdAt: account.createdAt };
}
