import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Agent } from '../../src-shared/domain/model.js';
import { z } from 'zod';
import {
  ADMIN_CHANNELS_PATH,
  ChannelAccountChange,
  NewChannelAccountRequest,
  type ChannelAccountList,
  type ChannelAccountView,
  type ChannelConnectionCheck,
} from '../../src-shared/protocol/channels/accounts.js';
import { actorOf } from '../audit/audit-trail.js';
import { callerWithRole } from '../http/auth-routes.js';
import { sendHttpError } from '../http/http-error.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { changeChannelAccount, connectChannelAccount, disconnectChannelAccount, testChannelAccount, webhookPathOf } from './channel-accounts.js';
import type { ChannelRuntime } from './channel-runtime.js';
import { refreshChannelTemplates } from './channel-templates.js';
import { mailFolderProgress } from './email/mail-folder-progress.js';

const AccountParams = z.object({ accountId: z.string().min(1).max(64) });

/**
 * An administrator's messaging-app accounts, as Company settings manages them: list, connect,
 * change (name, team, credentials), disconnect, and test the connection. Credentials go in and
 * never come out; each account shows its webhook address to paste into the provider's console.
 */
export function registerChannelAdminRoutes(app: FastifyInstance, core: RelayCore, runtime: ChannelRuntime): void {
  const view = (account: ChannelAccount) => viewOf(account, runtime.settings.publicUrl);

  app.get(ADMIN_CHANNELS_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator manages messaging accounts.');
    if (!admin) return reply;
    const accounts = (await core.store.channels.listAccounts(admin.tenantId)).map(view);
    const providers = runtime.adapters().map((adapter) => ({ provider: adapter.provider, name: adapter.rules.name, canTest: adapter.checkConnection !== undefined }));
    const mailFolders = await mailFolderProgress(core, runtime, admin.tenantId);
    const list: ChannelAccountList = { accounts, providers, publicUrl: runtime.settings.publicUrl ?? null, mailFolders };
    return reply.header('cache-control', 'no-store').send(list);
  });

  app.post(ADMIN_CHANNELS_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator connects messaging accounts.');
    if (!admin) return reply;
    const parsed = NewChannelAccountRequest.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid account: ${z.prettifyError(parsed.error)}`);
    const connected = await connectChannelAccount(core, runtime, { tenantId: admin.tenantId, ...parsed.data }, actorOf(admin, request.ip));
    if (!connected.ok) return sendHttpError(reply, 400, 'bad_request', connected.message);
    return reply.code(201).header('cache-control', 'no-store').send({ account: view(connected.account) });
  });

  app.patch(`${ADMIN_CHANNELS_PATH}/:accountId`, async (request, reply) => {
    const caller = await adminsAccount(core, request, reply, 'Only an administrator changes messaging accounts.');
    if (!caller) return reply;
    const { account, admin } = caller;
    const parsed = ChannelAccountChange.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid change: ${z.prettifyError(parsed.error)}`);
    const changed = await changeChannelAccount(core, runtime, account, parsed.data, actorOf(admin, request.ip));
    if (!changed.ok) return sendHttpError(reply, account.disconnectedAt ? 409 : 400, account.disconnectedAt ? 'conflict' : 'bad_request', changed.message);
    return reply.header('cache-control', 'no-store').send({ account: view(changed.account) });
  });

  app.delete(`${ADMIN_CHANNELS_PATH}/:accountId`, async (request, reply) => {
    const caller = await adminsAccount(core, request, reply, 'Only an administrator disconnects messaging accounts.');
    if (!caller) return reply;
    const disconnected = await disconnectChannelAccount(core, runtime, caller.account, actorOf(caller.admin, request.ip));
    return reply.header('cache-control', 'no-store').send({ account: view(disconnected) });
  });

  app.post(`${ADMIN_CHANNELS_PATH}/:accountId/test`, async (request, reply) => {
    const account = (await adminsAccount(core, request, reply, 'Only an administrator tests messaging accounts.'))?.account;
    if (!account) return reply;
    const check: ChannelConnectionCheck = await testChannelAccount(core, runtime, account);
    // A working connection also brings the approved templates up to date (refused quietly: "refresh templates" says why).
    if (check.ok && runtime.adapterOf(account.provider)?.listTemplates) await refreshChannelTemplates(core, runtime, account);
    return reply.header('cache-control', 'no-store').send({ check: check.ok ? check : { ok: false, error: check.error.slice(0, 1000) } });
  });
}

/** The account the path names, if it is the administrator's company's, and the administrator; else a 404 that says nothing more. */
export async function adminsAccount(core: RelayCore, request: FastifyRequest, reply: FastifyReply, refusal: string): Promise<{ account: ChannelAccount; admin: Agent } | null> {
  const admin = await callerWithRole(core, request, reply, ['admin'], refusal);
  if (!admin) return null;
  const params = AccountParams.safeParse(request.params);
  const account = params.success ? await core.store.channels.findAccount(params.data.accountId) : null;
  if (!account || account.tenantId !== admin.tenantId) {
    sendHttpError(reply, 404, 'not_found', 'No such messaging account.');
    return null;
  }
  return { account, admin };
}

function viewOf(account: ChannelAccount, publicUrl: string | undefined): ChannelAccountView {
  const webhookPath = webhookPathOf(account);
  return {
    id: account.id,
    provider: account.provider,
    displayName: account.displayName,
    teamId: account.teamId,
    webhookPath,
    webhookUrl: publicUrl ? publicUrl.replace(/\/+$/, '') + webhookPath : null,
    status: account.disconnectedAt ? 'disconnected' : 'connected',
    disconnectedAt: account.disconnectedAt ?? null,
    createdAt: account.createdAt,
  };
}
