import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MaskingPolicy, maskableKindOf } from '../../src-shared/privacy/masking-policy.js';
import { MASKING_POLICY_PATH, REVEAL_PATH, RevealRequest, type RevealResponse } from '../../src-shared/protocol/masking.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import { canAct, viewerOf } from '../log/visibility.js';
import { maskedValueAt } from '../privacy/desk-masking.js';
import type { RelayCore } from '../relay-core.js';
import { callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

const NOT_FOUND = 'There is no such message.';

/** The company's masking policy (administrators), and revealing one masked value (anyone who may act on the conversation). */
export function registerMaskingRoutes(app: FastifyInstance, core: RelayCore): void {
  app.put(MASKING_POLICY_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only an administrator changes what is masked.');
    if (!admin) return reply;
    const parsed = MaskingPolicy.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid masking policy: ${z.prettifyError(parsed.error)}`);
    const policy = parsed.data;
    await core.store.transaction(async (tx) => {
      await tx.accounts.setMaskingPolicy(admin.tenantId, policy);
      await recordAudit(tx, admin.tenantId, core.now(), actorOf(admin, request.ip), 'settings.masking_changed', { type: 'tenant', id: admin.tenantId }, { ...policy });
    }, { tenantId: admin.tenantId });
    // Desks on this node get the new masking with their next frame; other nodes read it within seconds.
    core.maskingPolicies.remember(admin.tenantId, policy);
    return reply.code(204).send();
  });

  app.post(REVEAL_PATH, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
    if (!agent) return reply;
    const parsed = RevealRequest.safeParse(request.body);
    if (!parsed.success) return sendHttpError(reply, 400, 'bad_request', `Invalid request: ${z.prettifyError(parsed.error)}`);
    const { conversationId, messageId, field, at, reason } = parsed.data;
    // Another company's message, one the caller may not act on and one that does not exist read the same.
    const stored = await core.store.conversations.findMessage(messageId);
    const conversation = await core.store.conversations.findConversation(agent.tenantId, conversationId);
    if (!stored || stored.tenantId !== agent.tenantId || !conversation || stored.message.conversationId !== conversationId || !canAct(viewerOf(agent), conversation)) {
      return sendHttpError(reply, 404, 'not_found', NOT_FOUND);
    }
    const text = field === 'body' ? stored.message.body : stored.message.original?.body;
    await core.maskingPolicies.load(agent.tenantId);
    const span = text === undefined ? null : maskedValueAt(text, core.maskingPolicies.maskingFor(agent.tenantId, agent.role), at);
    if (!span) return sendHttpError(reply, 404, 'not_found', 'No masked value starts there; the message may have changed. Open the conversation again.');
    // Recorded before the value is given: a reveal that is not in the log never happened.
    const details = { kind: maskableKindOf(span.kind), detected: span.kind, messageId, reason };
    await recordAudit(core.store, agent.tenantId, core.now(), actorOf(agent, request.ip), 'personal_data.revealed', { type: 'conversation', id: conversationId }, details);
    const body: RevealResponse = { kind: span.kind, value: span.value };
    return reply.header('cache-control', 'no-store').send(body);
  });
}
