import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Agent, Role } from '../../src-shared/domain/model.js';
import { LoginRequest } from '../../src-shared/protocol/auth.js';
import { login } from '../auth/login.js';
import { authenticate, logout } from '../auth/sessions.js';
import type { RelayCore } from '../relay-core.js';
import { sendHttpError } from './http-error.js';

/** POST /api/login and /api/logout. */
export function registerAuthRoutes(app: FastifyInstance, core: RelayCore, onRevoked: (tokenHash: string) => void): void {
  app.post('/api/login', async (request, reply) => {
    const parsed = LoginRequest.safeParse(request.body);
    if (!parsed.success) {
      return sendHttpError(reply, 400, 'bad_request', `Invalid login request: ${z.prettifyError(parsed.error)}`);
    }
    const result = await login(core, parsed.data, request.ip);
    if (!result.ok && result.code === 'throttled') {
      return sendHttpError(reply.header('retry-after', String(result.retryAfterSeconds)), 429, 'throttled', result.message, { retryAfterSeconds: result.retryAfterSeconds });
    }
    if (!result.ok) return sendHttpError(reply, 401, result.code, result.message);
    return reply.header('cache-control', 'no-store').send(result.value);
  });

  app.post('/api/logout', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) return sendHttpError(reply, 401, 'unauthorized', 'Send the token as "Authorization: Bearer <token>".');
    const revoked = await logout(core, token);
    if (revoked) onRevoked(revoked);
    return reply.code(204).send();
  });
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * The signed-in caller of an HTTP route, if their role is one of `roles`; otherwise the 401 or
 * 403 (with `refusal`) is sent and null returned.
 */
export async function callerWithRole(core: RelayCore, request: FastifyRequest, reply: FastifyReply, roles: readonly Role[], refusal: string): Promise<Agent | null> {
  const token = bearerToken(request.headers.authorization);
  if (!token) {
    sendHttpError(reply, 401, 'unauthorized', 'Send the token as "Authorization: Bearer <token>".');
    return null;
  }
  const auth = await authenticate(core, token);
  if (!auth.ok) {
    sendHttpError(reply, 401, auth.code, auth.message);
    return null;
  }
  if (!roles.includes(auth.agent.role)) {
    sendHttpError(reply, 403, 'forbidden', refusal);
    return null;
  }
  return auth.agent;
}
