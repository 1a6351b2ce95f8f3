import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ErasureRequest, type ErasureResponse } from '../../src-shared/protocol/admin.js';
import { authenticate } from '../auth/sessions.js';
import { eraseCustomer } from '../privacy/erasure.js';
import type { RelayCore } from '../relay-core.js';
import { bearerToken } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

/** Administrator actions over HTTP, each checked against the caller's role. */
export function registerAdminRoutes(app: FastifyInstance, core: RelayCore): void {
  app.post('/api/admin/erasures', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) return sendHttpError(reply, 401, 'unauthorized', 'Send the token as "Authorization: Bearer <token>".');
    const auth = authenticate(core, token);
    if (!auth.ok) return sendHttpError(reply, 401, auth.code, auth.message);
    if (auth.agent.role !== 'admin') return sendHttpError(reply, 403, 'forbidden', 'Only an administrator can erase customer data.');
    const parsed = ErasureRequest.safeParse(request.body);
    if (!parsed.success) {
      return sendHttpError(reply, 400, 'bad_request', `Invalid erasure request: ${z.prettifyError(parsed.error)}`);
    }
    const result = eraseCustomer(core, auth.agent, parsed.data.customerId);
    const body: ErasureResponse = { customerId: parsed.data.customerId, ...result };
    return reply.header('cache-control', 'no-store').send(body);
  });
}
