import type { z } from 'zod';
import { methods } from '../../../src-shared/api/contract.js';
import { BLOCKED_SENDERS_PATH } from '../../../src-shared/protocol/blocked-senders.js';
import { MASKING_POLICY_PATH } from '../../../src-shared/protocol/masking.js';
import { RETENTION_PATH } from '../../../src-shared/protocol/admin.js';
import { ADMIN_MODEL_SET_PATH } from '../../../src-shared/protocol/model-set.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { requestAdminSettings, requestAuditCsv, requestAuditPage, sendAdminChange } from '../relay-http.js';
import type { Guards } from './guards.js';

export type AdminHandlers = NamespaceHandlers<'admin'>;

/**
 * The admin view's methods: straight to the relay's admin API with the administrator's token,
 * never through the outbox. Company settings are changed online only, so a refusal is seen at once.
 */
export function adminHandlers(relayUrl: string, guards: Guards): AdminHandlers {
  const adminToken = () => guards.roleToken('admin', 'Company settings are for administrators.', 'Sign in again to change company settings.');
  const change = (method: 'PUT' | 'POST' | 'DELETE', path: string, body: unknown) => sendAdminChange(relayUrl, adminToken(), { method, path, body });
  const segment = encodeURIComponent;
  return {
    'admin.settings': () => requestAdminSettings(relayUrl, adminToken()),
    'admin.saveTeamHours': async ({ teamId, ...hours }) => {
      await change('PUT', `/api/admin/teams/${segment(teamId)}/schedule`, hours);
      return {};
    },
    'admin.createTeam': async (team) => created(methods['admin.createTeam'].output, await change('POST', '/api/admin/teams', team)),
    'admin.createAgent': async (agent) => created(methods['admin.createAgent'].output, await change('POST', '/api/admin/agents', agent)),
    'admin.saveAgent': async ({ agentId, teamIds, routing }) => {
      await change('PUT', `/api/admin/agents/${segment(agentId)}/teams`, { teamIds });
      await change('PUT', `/api/admin/agents/${segment(agentId)}/routing`, routing);
      return {};
    },
    'admin.saveSlaPolicies': async (policies) => {
      await change('PUT', '/api/admin/sla-policies', policies);
      return {};
    },
    'admin.saveRoutingSettings': async (settings) => {
      await change('PUT', '/api/admin/routing-settings', settings);
      return {};
    },
    'admin.saveMaskingPolicy': async (policy) => {
      await change('PUT', MASKING_POLICY_PATH, policy);
      return {};
    },
    'admin.saveRetention': async (retention) => {
      await change('PUT', RETENTION_PATH, retention);
      return {};
    },
    'admin.saveModelSet': async (modelSet) => {
      await change('PUT', ADMIN_MODEL_SET_PATH, modelSet);
      return {};
    },
    'admin.blockSender': async (sender) => {
      await change('POST', BLOCKED_SENDERS_PATH, sender);
      return {};
    },
    'admin.unblockSender': async (sender) => {
      await change('DELETE', BLOCKED_SENDERS_PATH, sender);
      return {};
    },
    'admin.audit': (filters) => requestAuditPage(relayUrl, adminToken(), filters),
    'admin.auditCsv': async (filters) => ({ filename: `audit-${new Date().toISOString().slice(0, 10)}.csv`, csv: await requestAuditCsv(relayUrl, adminToken(), filters) }),
  };
}

function created<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure('unavailable', 'The relay answered with something this workstation does not understand.');
  return parsed.data;
}
