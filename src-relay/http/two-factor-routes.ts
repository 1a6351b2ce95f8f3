import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  TWO_FACTOR_CONFIRMATION_PATH,
  TWO_FACTOR_ENROLMENT_PATH,
  TWO_FACTOR_PATH,
  TWO_FACTOR_POLICY_PATH,
  TWO_FACTOR_REMOVAL_PATH,
  TwoFactorCodeRequest,
  TwoFactorPolicy,
} from '../../src-shared/protocol/two-factor.js';
import { recordAudit } from '../audit/audit-trail.js';
import { authenticate, type Authentication } from '../auth/sessions.js';
import { beginEnrolment, confirmEnrolment, removeTwoFactor, twoFactorStatus, type TwoFactorRefusal } from '../auth/two-factor.js';
import type { RelayCore } from '../relay-core.js';
import { bearerToken, callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

/**
 * The signed-in agent's own two-factor sign-in, and the company's policy for administrators. A
 * token that may only set up two-factor sign-in is accepted here, and nowhere else.
 */
export function registerTwoFactorRoutes(app: FastifyInstance, core: RelayCore): void {
  app.get(TWO_FACTOR_PATH, async (request, reply) => {
    const caller = await enrollingCaller(core, request, reply);
    if (caller) return reply.header('cache-control', 'no-store').send(await twoFactorStatus(core, caller.agent));
  });

  app.post(TWO_FACTOR_ENROLMENT_PATH, async (request, reply) => {
    const caller = await enrollingCaller(core, request, reply);
    if (!caller) return;
    const begun = await beginEnrolment(core, caller.agent);
    return begun.ok ? reply.header('cache-control', 'no-store').send(begun.value) : refuse(reply, begun);
  });

  app.post(TWO_FACTOR_CONFIRMATION_PATH, async (request, reply) => {
    const caller = await enrollingCaller(core, request, reply);
    const body = caller && parsed(reply, TwoFactorCodeRequest, request.body);
    if (!caller || !body) return;
    const confirmed = await confirmEnrolment(core, caller.agent, body.code, { tokenHash: caller.tokenHash, address: request.ip });
    return confirmed.ok ? reply.header('cache-control', 'no-store').send({ recoveryCodes: confirmed.recoveryCodes }) : refuse(reply, confirmed);
  });

  app.post(TWO_FACTOR_REMOVAL_PATH, async (request, reply) => {
    const caller = await enrollingCaller(core, request, reply);
    const body = caller && parsed(reply, TwoFactorCodeRequest, request.body);
    if (!caller || !body) return;
    const removed = await removeTwoFactor(core, caller.agent, body.code, request.ip);
    return removed.ok ? reply.code(204).send() : refuse(reply, removed);
  });

  app.get(TWO_FACTOR_POLICY_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only administrators see the sign-in policy.');
    if (admin) return reply.send({ adminsNeedTwoFactor: await core.store.signIns.adminsNeedTwoFactor(admin.tenantId) });
  });

  app.put(TWO_FACTOR_POLICY_PATH, async (request, reply) => {
    const admin = await callerWithRole(core, request, reply, ['admin'], 'Only administrators change the sign-in policy.');
    const body = admin && parsed(reply, TwoFactorPolicy, request.body);
    if (!admin || !body) return;
    await core.store.transaction(async (tx) => {
      await tx.signIns.setAdminsNeedTwoFactor(admin.tenantId, body.adminsNeedTwoFactor);
      await recordAudit(tx, admin.tenantId, core.now(), { actorId: admin.id, actorAddress: request.ip }, 'settings.two_factor_changed', { type: 'tenant', id: admin.tenantId }, { adminsNeedTwoFactor: body.adminsNeedTwoFactor });
    }, { tenantId: admin.tenantId });
    return reply.send(body);
  });
}

async function enrollingCaller(core: RelayCore, request: FastifyRequest, reply: FastifyReply): Promise<Extract<Authentication, { ok: true }> | null> {
  const token = bearerToken(request.headers.authorization);
  const auth = token ? await authenticate(core, token, 'enrol') : null;
  if (auth?.ok) return auth;
  sendHttpError(reply, 401, 'unauthorized', auth?.message ?? 'Send the token as "Authorization: Bearer <token>".');
  return null;
}

function parsed<T>(reply: FastifyReply, schema: z.ZodType<T>, body: unknown): T | null {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  sendHttpError(reply, 400, 'bad_request', `Invalid request: ${z.prettifyError(result.error)}`);
  return null;
}

function refuse(reply: FastifyReply, refusal: TwoFactorRefusal): FastifyReply {
  return sendHttpError(reply, refusal.status, refusal.code, refusal.message);
}
