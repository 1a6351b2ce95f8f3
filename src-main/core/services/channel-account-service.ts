import type { z } from 'zod';
import {
  ADMIN_CHANNELS_PATH,
  adminChannelPath,
  adminChannelTestPath,
  ChannelAccountAnswer,
  ChannelAccountList,
  ChannelConnectionCheckAnswer,
} from '../../../src-shared/protocol/channels/accounts.js';
import { adminChannelTemplatesPath, TemplateRefreshAnswer } from '../../../src-shared/protocol/channels/templates.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { requestAdminRead, sendAdminChange } from '../relay-http.js';
import type { Guards } from './guards.js';

export type ChannelAccountHandlers = NamespaceHandlers<'channelAccounts'>;

/**
 * Company settings' messaging accounts: straight to the relay's admin API with the administrator's
 * token, like the rest of the admin view (online only, a refusal seen at once). The credentials
 * an administrator enters pass through to the relay and are kept nowhere on this machine.
 */
export function channelAccountHandlers(relayUrl: string, guards: Guards): ChannelAccountHandlers {
  const adminToken = () => guards.roleToken('admin', 'Messaging accounts are for administrators.', 'Sign in again to manage messaging accounts.');
  const change = async <T>(schema: z.ZodType<T>, method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown = {}) =>
    answered(schema, await sendAdminChange(relayUrl, adminToken(), { method, path, body }));
  return {
    'channelAccounts.list': async () => requestAdminRead(relayUrl, adminToken(), ADMIN_CHANNELS_PATH, ChannelAccountList, 'The messaging accounts'),
    'channelAccounts.connect': (request) => change(ChannelAccountAnswer, 'POST', ADMIN_CHANNELS_PATH, request),
    'channelAccounts.update': ({ accountId, change: body }) => change(ChannelAccountAnswer, 'PATCH', adminChannelPath(accountId), body),
    'channelAccounts.disconnect': ({ accountId }) => change(ChannelAccountAnswer, 'DELETE', adminChannelPath(accountId)),
    'channelAccounts.test': async ({ accountId }) => (await change(ChannelConnectionCheckAnswer, 'POST', adminChannelTestPath(accountId))).check,
    'channelAccounts.refreshTemplates': ({ accountId }) => change(TemplateRefreshAnswer, 'POST', adminChannelTemplatesPath(accountId)),
  };
}

function answered<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure('unavailable', 'The relay answered with something this workstation does not understand.');
  return parsed.data;
}
