import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditDetails } from '../../src-shared/domain/audit.js';
import { RETENTION_PATH, RetentionUpdate } from '../../src-shared/protocol/admin.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

/** Administrators set how long closed conversations are kept; the policy itself comes with the company settings. */
export function registerRetentionRoutes(app: FastifyInstance, core: RelayCore): void {
  app.put(RETENTION_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator changes how long conversations are kept.');
    if (!admin) return reply;
    const parsed = RetentionUpdate.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid retention policy: ${z.prettifyError(parsed.error)}`);
    const { policy } = parsed.data;
    // The next hourly run applies it; nothing is deleted by the request itself.
    await core.store.transaction(async (tx) => {
      await tx.retention.setPolicy(admin.tenantId, policy, core.now());
      const details: AuditDetails = policy === null ? { action: 'keep' } : { action: policy.action, defaultDays: policy.defaultDays, markets: policy.markets.map((m) => `${m.market}:${m.days}`).slice(0, 20) };
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'settings.retention_changed', { type: 'tenant', id: admin.tenantId }, details);
    }, { tenantId: admin.tenantId });
    return reply.code(204).send();
  });
}
