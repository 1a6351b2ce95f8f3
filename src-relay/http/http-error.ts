import type { FastifyReply } from 'fastify';
import type { HttpError } from '../../src-shared/protocol/auth.js';

/** Every non-2xx answer has the HttpError shape, whatever produced it. */
export function sendHttpError(reply: FastifyReply, status: number, code: string, message: string, more: Omit<HttpError['error'], 'code' | 'message'> = {}): FastifyReply {
  const body: HttpError = { error: { code, message, ...more } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
