import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { normalizeBlockValue } from '../../src-shared/domain/blocked-senders.js';
import { BLOCKED_SENDERS_PATH, BlockSenderRequest, UnblockSenderRequest } from '../../src-shared/protocol/blocked-senders.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

/** Administrators block and unblock email senders and domains; the list itself comes with the company settings. */
export function registerBlockedSenderRoutes(app: FastifyInstance, core: RelayCore): void {
  app.post(BLOCKED_SENDERS_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator blocks senders.');
    if (!admin) return reply;
    const parsed = BlockSenderRequest.safeParse(request.body);
    const entry = parsed.success ? normalizeBlockValue(parsed.data.value) : null;
    if (!parsed.success || !entry) return sendHttpError(reply, 400, 'bad_request', `Invalid sender: ${parsed.success ? 'an email address or a domain name' : z.prettifyError(parsed.error)}`);
    const blocked = await core.store.transaction(async (tx) => {
      const added = await tx.blockedSenders.block(admin.tenantId, { ...entry, blockedBy: admin.name, blockedAt: core.now() });
      if (added) await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'blocked_sender.added', { type: 'blocked_sender', id: entry.value }, { kind: entry.kind });
      return added;
    }, { tenantId: admin.tenantId });
    return reply.code(blocked ? 201 : 200).send({ entry });
  });

  app.delete(BLOCKED_SENDERS_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator unblocks senders.');
    if (!admin) return reply;
    const parsed = UnblockSenderRequest.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid sender: ${z.prettifyError(parsed.error)}`);
    const removed = await core.store.transaction(async (tx) => {
      const unblocked = await tx.blockedSenders.unblock(admin.tenantId, parsed.data.value);
      if (unblocked) await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'blocked_sender.removed', { type: 'blocked_sender', id: parsed.data.value });
      return unblocked;
    }, { tenantId: admin.tenantId });
    if (!removed) return sendHttpError(reply, 404, 'not_found', 'That sender is not blocked.');
    return reply.code(204).send();
  });
}
